package dev.rekord.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Keeps a sort order on the component so queries can sort by it. On its own it indexes the
 * component like {@link Indexed}; beside another index annotation it adds the sort order to it.
 * Strings sort lexicographically, numbers and dates numerically.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD})
public @interface Sortable {}
