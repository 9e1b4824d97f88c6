package dev.rekord.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code record} as a Redis model. The Rekord annotation processor generates, next to the
 * record, a metamodel ({@code Member_}), a codec, a model descriptor, an index definition and a
 * typed repository.
 *
 * <pre>{@code
 * @RedisModel(prefix = "member", storage = Storage.HASH)
 * public record Member(@Id String id, @Indexed String city, @Indexed LocalDate joinDate) {}
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface RedisModel {

  /**
   * The key prefix; a document is stored at {@code <prefix>:<id>}. Defaults to the record's simple
   * name in lower kebab case ({@code OrderLine} becomes {@code order-line}). Allowed characters:
   * letters, digits, {@code - _ . :}.
   */
  String prefix() default "";

  /** How a document is stored: one Redis hash, or one JSON document. */
  Storage storage() default Storage.HASH;

  /** Default time to live of a saved document in seconds; {@code 0} means no expiry. */
  long ttlSeconds() default 0;

  /**
   * Whether reading a document ({@code findById}, {@code findAllById}, query results) restarts its
   * expiry at {@link #ttlSeconds()}, so documents in use stay and idle ones expire (sessions,
   * caches). Needs a {@code ttlSeconds}; a document saved or made persistent without an expiry is
   * left alone.
   */
  boolean refreshTtlOnRead() default false;
}
