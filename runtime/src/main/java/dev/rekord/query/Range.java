package dev.rekord.query;


/** The field lies between two bounds, each open or closed. */
public record Range<R>(
    IndexedAttribute<R, ?> field,
    Object lower,
    boolean lowerInclusive,
    Object upper,
    boolean upperInclusive)
    implements Condition<R> {}
