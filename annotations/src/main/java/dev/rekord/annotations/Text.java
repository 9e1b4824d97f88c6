package dev.rekord.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Indexes a string (or collection of strings) for full-text search: tokenized and case-folded. */
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
}
