package dev.rekord.model;

/**
 * One indexed field of a model.
 *
 * @param path the stored path: a hash field name or a dotted JSON path ({@code address.city})
 * @param kind how the field is indexed
 * @param sortable whether a sort order is kept on the field
 * @param caseSensitive for tags: whether matching is case-sensitive
 * @param multiValued whether the field holds several values (a collection, or a field of records
 *     in a collection)
 */
public record IndexField(
    String path, IndexKind kind, boolean sortable, boolean caseSensitive, boolean multiValued) {}
