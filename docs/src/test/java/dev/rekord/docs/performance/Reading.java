package dev.rekord.docs.performance;

import dev.rekord.annotations.Id;
import dev.rekord.annotations.Indexed;
import dev.rekord.annotations.RedisModel;
import java.time.Instant;

/** The model of performance.md's compact layout: many small documents, each indexed three ways. */
// tag::reading[]
@RedisModel(prefix = "sensor-readings")
public record Reading(
    @Id String id,
    @Indexed String sensor,
    @Indexed(sortable = true) double value,
    @Indexed(sortable = true) Instant at) {}
// end::reading[]
