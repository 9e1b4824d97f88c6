package dev.rekord.it.model;

import dev.rekord.annotations.Id;
import dev.rekord.annotations.Numeric;
import dev.rekord.annotations.RedisModel;
import dev.rekord.annotations.Tag;
import dev.rekord.annotations.Vector;

/**
 * Vectors of every distance and both algorithms (the HNSW one with its graph settings), beside a tag and a number to filter by; each
 * vector may be null.
 */
@RedisModel(prefix = "product")
public record Product(
    @Id String id,
    @Tag String category,
    @Numeric(sortable = true) int price,
    @Vector(dimensions = 8) float[] cosine,
    @Vector(dimensions = 8, distance = Vector.Distance.L2) float[] euclidean,
    @Vector(dimensions = 8, distance = Vector.Distance.IP) float[] inner,
    @Vector(dimensions = 8, distance = Vector.Distance.L2, algorithm = Vector.Algorithm.HNSW, m = 24,
        efConstruction = 300, efRuntime = 40) float[] approximate) {}
