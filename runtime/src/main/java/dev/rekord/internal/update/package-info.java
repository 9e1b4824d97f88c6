/**
 * Partial updates ({@code repository.update(id, Update…)}): read the stored document, apply the
 * updates to its stored form, and write it back with every index entry only while it is still
 * stored unchanged, retrying a bounded number of times.
 */
package dev.rekord.internal.update;
