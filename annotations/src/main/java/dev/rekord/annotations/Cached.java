package dev.rekord.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Caches the results of an interface method in Redis. For an interface with {@code @Cached}
 * methods the processor generates a decorator, {@code <Interface>Cached}, that implements the
 * interface around a delegate: a call returns the cached result for its arguments, or calls the
 * delegate (one caller at a time per key, across processes) and caches what it returns.
 *
 * <pre>{@code
 * interface ProfileService {
 *   @Cached(name = "profiles", ttl = "PT10M")
 *   Profile profile(String id);
 * }
 * ProfileService cached = new ProfileServiceCached(service, rekord);
 * }</pre>
 *
 * <p>The cache key is the method's name and its arguments encoded as canonical JSON (see {@code
 * docs/toolkit.md}), so every parameter must have a stable encoding: strings, numbers, booleans,
 * enums, UUIDs, java.time values, records of those, and lists and maps of them. Other parameter
 * types, and return types that cannot be stored, are compile errors.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Cached {

  /** The cache: letters, digits, {@code _}, {@code -} and {@code .}; methods may share one. */
  String name();

  /** How long a result is kept: an ISO-8601 duration, e.g. {@code "PT10M"}, {@code "P1D"}. */
  String ttl();
}
