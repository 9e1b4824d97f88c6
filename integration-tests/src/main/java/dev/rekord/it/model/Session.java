package dev.rekord.it.model;

import dev.rekord.annotations.Id;
import dev.rekord.annotations.RedisModel;
import dev.rekord.annotations.Tag;
import java.time.Instant;

/** A hash model with a default time to live. */
@RedisModel(prefix = "session", ttlSeconds = Session.TTL_SECONDS)
public record Session(@Id String id, @Tag String user, Instant createdAt) {

  /** An hour. */
  public static final long TTL_SECONDS = 3_600;
}
