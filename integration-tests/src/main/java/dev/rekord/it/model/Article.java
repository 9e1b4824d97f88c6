package dev.rekord.it.model;

import dev.rekord.annotations.Id;
import dev.rekord.annotations.RedisModel;
import dev.rekord.annotations.Tag;
import dev.rekord.annotations.Text;

/**
 * A text the search engine stems ({@code body}: English) beside one it does not
 * ({@code title}: exact words, as on the portable engine).
 */
@RedisModel(prefix = "article")
public record Article(
    @Id String id,
    @Tag String section,
    @Text String title,
    @Text(stemming = Text.Language.ENGLISH) String body) {}
