package dev.rekord.query;

import dev.rekord.metamodel.IndexedAttribute;

/** The field lies between two bounds, each open or closed. */
public record Range<R>(
    IndexedAttribute<R, ?> field,
    Object lower,
    boolean lowerInclusive,
    Object upper,
    boolean upperInclusive)
    implements Condition<R> {}
