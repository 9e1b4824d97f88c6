package dev.rekord.benchmarks;

import dev.rekord.annotations.Id;
import dev.rekord.annotations.RedisModel;
import dev.rekord.annotations.Tag;
import dev.rekord.annotations.Vector;

/** The KNN benchmark's documents: a category to filter by and a 128-dimension embedding (L2, FLAT). */
@RedisModel(prefix = "bench-vector")
public record VectorProduct(
    @Id String id,
    @Tag String category,
    @Vector(dimensions = 128, distance = Vector.Distance.L2) float[] embedding) {}
