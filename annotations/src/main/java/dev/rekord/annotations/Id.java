package dev.rekord.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The component that is the document's key. Exactly one per model; its type is {@code String},
 * {@code UUID}, {@code long} or {@code Long}. A {@code null} id is generated on save: a
 * time-ordered ULID for {@code String}, a version 7 UUID for {@code UUID}, and {@code INCR} of a
 * per-model counter for {@code Long}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD})
public @interface Id {}
