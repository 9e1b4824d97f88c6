package dev.rekord.query;


/** A string tag starts with {@code prefix}. */
public record StartsWith<R>(IndexedAttribute<R, ?> field, String prefix) implements Condition<R> {}
