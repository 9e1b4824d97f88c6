package dev.rekord.it.model;

import dev.rekord.annotations.Id;
import dev.rekord.annotations.Indexed;
import dev.rekord.annotations.RedisModel;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;

/** Temporal types that carry a zone or offset: indexed (and sorted) by their instant. */
@RedisModel(prefix = "event")
public record Event(
    @Id String id,
    @Indexed(sortable = true) ZonedDateTime zoned,
    @Indexed(sortable = true) OffsetDateTime offset,
    @Indexed(sortable = true) Instant instant,
    @Indexed(sortable = true) LocalDateTime local) {}
