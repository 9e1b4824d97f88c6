package dev.rekord.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Indexes a string (or collection of strings) for full-text search: tokenized and case-folded.
 * Words match exactly by default, on both engines ({@code matches("run")} does not find "running").
 *
 * <p>{@code @Text(stemming = Text.Language.ENGLISH)} opts the field into the search engine's
 * stemming: the Redis Query Engine indexes it as {@code TEXT} in that {@code LANGUAGE}, and {@code
 * matches("run")} also finds "running" and "runs". Every stemmed field of a model has the same
 * language (a compile error, {@code [Rekord.MixedTextLanguages]}, otherwise). The portable engine
 * does not stem: there the field keeps matching exact words (documented, not an error), so a model
 * that relies on stemming should run on the search engine.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD})
public @interface Text {
  /**
   * Not supported: a text is indexed by its words, which give no order to sort the whole string
   * by, so {@code sortable = true} is a compile error ({@code [Rekord.TextNotSortable]}). To sort by
   * a string, index it with {@code @Tag(sortable = true)}.
   */
  boolean sortable() default false;

  /** The language whose stemmer the search engine applies to this field; {@link Language#NONE}: exact words. */
  Language stemming() default Language.NONE;

  /** The stemmers of the Redis Query Engine ({@code LANGUAGE}), by their lower-case name. */
  enum Language {
    /** No stemming: exact words, the same on both engines. */
    NONE,
    ARABIC,
    DANISH,
    DUTCH,
    ENGLISH,
    FINNISH,
    FRENCH,
    GERMAN,
    HUNGARIAN,
    ITALIAN,
    NORWEGIAN,
    PORTUGUESE,
    ROMANIAN,
    RUSSIAN,
    SPANISH,
    SWEDISH,
    TAMIL,
    TURKISH
  }
}
