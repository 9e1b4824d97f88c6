/**
 * Rekord's exceptions: one unchecked root, {@link dev.rekord.exception.RekordException}, with a few
 * precise subclasses — connection failures, Redis errors, (de)serialization failures naming key,
 * model and field, schema mismatches and query errors.
 */
package dev.rekord.exception;
