package dev.rekord.query;

/** {@code condition} does not hold. */
public record Not<R>(Condition<R> condition) implements Condition<R> {}
