package dev.rekord.it.model;

import dev.rekord.annotations.Id;
import dev.rekord.annotations.RedisModel;
import dev.rekord.annotations.Tag;
import dev.rekord.annotations.Text;
import dev.rekord.annotations.Vector;

/**
 * A vector beside a text the search engine stems in German and a tag: nearest-neighbour queries
 * whose filter matches a stemmed text, and documents whose id and fields hold U+0000.
 */
@RedisModel(prefix = "recipe")
public record Recipe(
    @Id String id,
    @Tag String kind,
    @Text(stemming = Text.Language.GERMAN) String text,
    @Vector(dimensions = 4) float[] embedding) {}
