package dev.rekord.it.model;

import dev.rekord.annotations.Id;
import dev.rekord.annotations.Numeric;
import dev.rekord.annotations.RedisModel;
import dev.rekord.annotations.Storage;
import dev.rekord.annotations.Tag;
import dev.rekord.annotations.Vector;

/** A vector in a JSON document (an array of numbers): nearest-neighbour queries on the portable engine. */
@RedisModel(prefix = "product-json", storage = Storage.JSON)
public record ProductJson(
    @Id String id,
    @Tag String category,
    @Numeric int price,
    @Vector(dimensions = 8, distance = Vector.Distance.L2) float[] euclidean) {}
