package dev.rekord.benchmarks;

import dev.rekord.annotations.Id;
import dev.rekord.annotations.Numeric;
import dev.rekord.annotations.RedisModel;
import dev.rekord.annotations.Tag;
import java.util.List;

/** The model of {@link UpdateBenchmark}: a sortable counter, a tag and a list. */
@RedisModel(prefix = "bench-counter")
public record Counter(@Id String id, @Tag String team, @Numeric(sortable = true) long hits, List<String> log) {}
