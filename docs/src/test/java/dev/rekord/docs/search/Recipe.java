package dev.rekord.docs.search;

import dev.rekord.annotations.Id;
import dev.rekord.annotations.RedisModel;
import dev.rekord.annotations.Text;
import dev.rekord.annotations.Vector;

// tag::model[]
@RedisModel
public record Recipe(
    @Id String id,
    @Text String title,                                      // exact words, on both engines
    @Text(stemming = Text.Language.ENGLISH) String method,   // "bake" also finds "baking", "baked"
    @Vector(dimensions = 4, algorithm = Vector.Algorithm.HNSW, m = 32, efConstruction = 400, efRuntime = 50)
    float[] taste) {}
// end::model[]
