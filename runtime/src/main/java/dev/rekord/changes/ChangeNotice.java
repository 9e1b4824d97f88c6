package dev.rekord.changes;

/**
 * A lightweight notice that a document changed ({@link ChangeStream#listen}), for caches that only
 * need to drop an entry: fire and forget, so lost while no listener is connected.
 *
 * @param id the document's id
 * @param kind what happened
 * @param <ID> the id type
 */
public record ChangeNotice<ID>(ID id, ChangeKind kind) {}
