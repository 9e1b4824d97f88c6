package dev.rekord.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Indexes the component with the kind its type implies: tag for strings, enums, booleans, characters and UUIDs; numeric for numbers, dates, times and durations; geo for {@code GeoPoint}. Collections are indexed by their elements. */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD})
public @interface Indexed {
  /** Also keep a sort order on this component, so queries can sort by it. */
  boolean sortable() default false;
}
