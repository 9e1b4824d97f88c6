/**
 * Change feeds: per model, opt-in ({@code Rekord.builder().changes(Member.class,
 * ChangeOptions.stream())}), every create, update, delete and expiry of a document appended to a
 * Redis Stream in the same atomic script as the write, read by typed consumer-group subscribers
 * ({@link dev.rekord.changes.ChangeStream#subscribe}), and an optional pub/sub notice for caches
 * ({@link dev.rekord.changes.ChangeStream#listen}). See {@code docs/change-streams.md}.
 */
package dev.rekord.changes;
