package dev.rekord.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Indexes the component for exact matches (and prefix matches on strings). Collections of tags are multi-valued. */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD})
public @interface Tag {
  /** Also keep a sort order on this component, so queries can sort by it. */
  boolean sortable() default false;

  /** Whether matches are case-sensitive; when {@code false} values are folded to lower case. */
  boolean caseSensitive() default true;
}
