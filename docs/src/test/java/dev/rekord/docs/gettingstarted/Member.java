package dev.rekord.docs.gettingstarted;

import dev.rekord.annotations.Id;
import dev.rekord.annotations.Indexed;
import dev.rekord.annotations.RedisModel;
import java.time.LocalDate;

// tag::model[]
@RedisModel
public record Member(
    @Id String id,
    String name,
    @Indexed String city,
    @Indexed LocalDate joinDate) {}
// end::model[]
