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
 * <p>Every save of the model (portable engine) checks that the stored version equals the
 * entity's and stores the next one, in the same atomic script; a stale save writes nothing and
 * throws {@code dev.rekord.exception.OptimisticLockException}. A new document is saved with 0 (or
 * {@code null}) and stored as 1; {@code save} returns the entity with its new version.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD})
public @interface Version {}
