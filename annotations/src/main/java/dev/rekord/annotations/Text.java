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
  /** Also keep a sort order on this component, so queries can sort by it. */
  boolean sortable() default false;
}
