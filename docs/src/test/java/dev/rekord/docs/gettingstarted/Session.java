package dev.rekord.docs.gettingstarted;

import dev.rekord.annotations.Id;
import dev.rekord.annotations.RedisModel;
import java.time.Instant;
import java.util.UUID;

// tag::model[]
@RedisModel(ttlSeconds = 1800) // every saved session expires after 30 minutes
public record Session(@Id UUID id, String memberId, Instant startedAt) {}
// end::model[]
