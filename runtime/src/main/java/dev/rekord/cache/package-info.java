/**
 * Cache-aside ({@link dev.rekord.cache.Cache}, from {@code rekord.cache(name)}): {@code
 * getOrCompute} with single-flight across threads and processes, invalidation of keys and of a
 * whole cache; and {@link dev.rekord.cache.CacheKey}, the key encoding of the decorators generated
 * for {@code @Cached} methods.
 */
package dev.rekord.cache;
