package dev.rekord.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The name a component is stored under, instead of the component's own name. Useful to keep
 * existing data readable after a rename, or to shorten field names.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD})
public @interface FieldName {
  /** The stored name: letters, digits and {@code _ -}; no dots (dots separate nested paths). */
  String value();
}
