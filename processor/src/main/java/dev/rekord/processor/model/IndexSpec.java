package dev.rekord.processor.model;

/**
 * How a component is indexed, after validation resolved {@code @Indexed} to a concrete kind.
 *
 * @param kind tag, numeric, text or geo
 * @param sortable whether a sort order is kept
 * @param caseSensitive for tags; {@code true} for every other kind
 */
public record IndexSpec(IndexKind kind, boolean sortable, boolean caseSensitive) {}
