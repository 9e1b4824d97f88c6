package dev.rekord.docs.modelling;

import dev.rekord.model.GeoPoint;
import dev.rekord.annotations.Id;
import dev.rekord.annotations.RedisModel;
import dev.rekord.annotations.Storage;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

// tag::model[]
@RedisModel(storage = Storage.JSON)
public record Trip(
    @Id UUID id,
    String title,
    OffsetDateTime departs,
    Duration length,
    List<Stop> stops,
    double budget) {

  public record Stop(String name, GeoPoint location) {}
}
// end::model[]
