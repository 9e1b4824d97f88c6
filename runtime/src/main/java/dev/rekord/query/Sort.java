package dev.rekord.query;

import dev.rekord.metamodel.IndexedAttribute;

/** One sort key: a sortable field, ascending or descending. */
public record Sort<R>(IndexedAttribute<R, ?> field, boolean descending) {}
