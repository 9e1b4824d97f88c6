package dev.rekord.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Indexes the component as a number, for ranges and sorting. Dates and times are indexed chronologically, in UTC. */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD})
public @interface Numeric {
  /** Also keep a sort order on this component, so queries can sort by it. */
  boolean sortable() default false;
}
