package dev.rekord.config;

/**
 * A configuration value and its version: 1 for the first value of a key, one more for each change.
 *
 * @param value the value
 * @param version its version
 * @param <T> the value's type
 */
public record Versioned<T>(T value, long version) {}
