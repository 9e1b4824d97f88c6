package dev.rekord.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the component meant to hold the document's version for optimistic locking. At most one per
 * model, not inside an embedded record; its type is {@code int}, {@code long}, {@code Integer} or
 * {@code Long}.
 *
 * <p><b>Not enforced yet.</b> Optimistic locking is not implemented: the processor accepts and
 * validates this annotation, and the component is stored like any other, but a save neither checks
 * nor increments it, so concurrent saves of one document still overwrite each other. {@code
 * dev.rekord.exception.OptimisticLockException} is reserved for it and never thrown today.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD})
public @interface Version {}
