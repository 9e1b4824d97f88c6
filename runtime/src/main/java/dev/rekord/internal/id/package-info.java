/**
 * Id generation for models whose {@code @Id} is generated on save: time-ordered ULIDs, UUIDv7s,
 * and per-model {@code Long} sequences. Not an API: repositories call it.
 */
package dev.rekord.internal.id;
