package dev.rekord.docs.queries;

import dev.rekord.model.GeoPoint;
import dev.rekord.annotations.Geo;
import dev.rekord.annotations.Id;
import dev.rekord.annotations.Indexed;
import dev.rekord.annotations.RedisModel;
import dev.rekord.annotations.Tag;
import dev.rekord.annotations.Text;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;

/**
 * The model of queries.md. The record is called {@code Member}, like the one of getting started,
 * so it lives in this file (snippet markers name files by simple name) with a prefix of its own.
 */
final class QueryModel {
  private QueryModel() {}
}

// tag::member[]
@RedisModel(prefix = "members")
record Member(
    @Id String id,
    @Tag(caseSensitive = false, sortable = true) String name,
    @Indexed String city,
    @Indexed(sortable = true) LocalDate joinDate,
    @Indexed(sortable = true) int age,
    @Tag Set<String> skills,
    @Text String bio,
    @Geo GeoPoint home,
    @Indexed Instant lastSeen,
    String email) {}
// end::member[]
