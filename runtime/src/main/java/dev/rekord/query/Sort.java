package dev.rekord.query;


/** One sort key: a sortable field, ascending or descending. */
public record Sort<R>(IndexedAttribute<R, ?> field, boolean descending) {}
