package dev.rekord.it.model;

import dev.rekord.annotations.Id;
import dev.rekord.annotations.RedisModel;
import dev.rekord.annotations.Tag;

/** A hash model whose reads restart its (short) default time to live: a session kept alive by use. */
@RedisModel(prefix = "visit", ttlSeconds = Visit.TTL_SECONDS, refreshTtlOnRead = true)
public record Visit(@Id String id, @Tag String page) {

  /** Three seconds. */
  public static final long TTL_SECONDS = 3;
}
