package dev.rekord.docs.search;

import dev.rekord.annotations.Id;
import dev.rekord.annotations.Numeric;
import dev.rekord.annotations.RedisModel;
import dev.rekord.annotations.Tag;
import dev.rekord.annotations.Vector;

// tag::model[]
@RedisModel
public record Product(
    @Id String id,
    @Tag String category,
    @Numeric int price,
    @Vector(dimensions = 4, distance = Vector.Distance.COSINE, algorithm = Vector.Algorithm.FLAT)
    float[] embedding) {}
// end::model[]
