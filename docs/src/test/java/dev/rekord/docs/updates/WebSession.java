package dev.rekord.docs.updates;

import dev.rekord.annotations.Id;
import dev.rekord.annotations.RedisModel;
import dev.rekord.annotations.Tag;

/** The model of updates.md whose reads keep it alive. */
// tag::model[]
@RedisModel(ttlSeconds = 1800, refreshTtlOnRead = true) // 30 minutes after the last read
public record WebSession(@Id String id, @Tag String user) {}
// end::model[]
