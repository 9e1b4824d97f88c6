package dev.rekord.query;

import dev.rekord.metamodel.IndexedAttribute;

/** The field is {@code null} (absent) or, with {@code isNull == false}, present. */
public record NullCheck<R>(IndexedAttribute<R, ?> field, boolean isNull) implements Condition<R> {}
