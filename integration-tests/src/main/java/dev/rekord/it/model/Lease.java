package dev.rekord.it.model;

import dev.rekord.annotations.Id;
import dev.rekord.annotations.Numeric;
import dev.rekord.annotations.RedisModel;
import dev.rekord.annotations.Storage;
import dev.rekord.annotations.Tag;

/** A JSON model whose reads restart its default time to live. */
@RedisModel(prefix = "lease", storage = Storage.JSON, ttlSeconds = Visit.TTL_SECONDS, refreshTtlOnRead = true)
public record Lease(@Id String id, @Tag String holder, @Numeric(sortable = true) int rank) {}
