package dev.rekord.docs.queries;

import dev.rekord.annotations.CompoundIndex;
import dev.rekord.annotations.Id;
import dev.rekord.annotations.Numeric;
import dev.rekord.annotations.RedisModel;
import dev.rekord.annotations.Tag;

/** The model of the compound index section of queries.md. */
final class CompoundModel {
  private CompoundModel() {}
}

// tag::resident[]
@RedisModel(prefix = "residents")
@CompoundIndex({"city", "age"})
record Resident(
    @Id String id,
    @Tag String city,
    @Numeric(sortable = true) int age,
    String name) {}
// end::resident[]
