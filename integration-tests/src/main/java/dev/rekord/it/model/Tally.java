package dev.rekord.it.model;

import dev.rekord.annotations.CompoundIndex;
import dev.rekord.annotations.Id;
import dev.rekord.annotations.Indexed;
import dev.rekord.annotations.Numeric;
import dev.rekord.annotations.RedisModel;
import dev.rekord.annotations.Tag;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A hash model for partial updates: one component per kind of update (numbers, a string, a list,
 * a set, a map, dates, an embedded record), indexed as tags, numbers, sort orders and a compound
 * index, so every update moves index entries ({@link TallyJson}: the same as JSON).
 */
@RedisModel(prefix = "tally")
@CompoundIndex({"name", "count"})
public record Tally(
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
