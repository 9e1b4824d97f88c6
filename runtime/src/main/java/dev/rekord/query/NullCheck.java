package dev.rekord.query;


/** The field is {@code null} (absent) or, with {@code isNull == false}, present. */
public record NullCheck<R>(IndexedAttribute<R, ?> field, boolean isNull) implements Condition<R> {}
