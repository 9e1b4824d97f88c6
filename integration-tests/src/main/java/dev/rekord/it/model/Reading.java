package dev.rekord.it.model;

import dev.rekord.annotations.Id;
import dev.rekord.annotations.Indexed;
import dev.rekord.annotations.Numeric;
import dev.rekord.annotations.RedisModel;
import dev.rekord.annotations.Storage;
import dev.rekord.annotations.Tag;
import java.time.Instant;

/** A primitive {@code long} id (never generated), JSON storage, and a default time to live. */
@RedisModel(prefix = "reading", storage = Storage.JSON, ttlSeconds = Reading.TTL_SECONDS)
public record Reading(
    @Id long id,
    @Tag String sensor,
    @Numeric(sortable = true) double value,
    @Indexed Instant at) {

  /** A day. */
  public static final long TTL_SECONDS = 86_400;
}
