package dev.rekord.it.model;

import dev.rekord.annotations.CompoundIndex;
import dev.rekord.annotations.Id;
import dev.rekord.annotations.Indexed;
import dev.rekord.annotations.Numeric;
import dev.rekord.annotations.RedisModel;
import dev.rekord.annotations.Storage;
import dev.rekord.annotations.Tag;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@link Tally} stored as JSON.
 */
@RedisModel(prefix = "tally-json", storage = Storage.JSON)
@CompoundIndex({"name", "count"})
public record TallyJson(
    @Id String id,
    @Tag(sortable = true) String name,
    @Numeric(sortable = true) int count,
    @Numeric long total,
    @Indexed BigDecimal balance,
    Double ratio,
    String log,
    @Tag List<String> events,
    @Tag Set<String> labels,
    Map<String, Long> counters,
    @Numeric(sortable = true) LocalDate day,
    @Indexed Instant at,
    Address address) {}
