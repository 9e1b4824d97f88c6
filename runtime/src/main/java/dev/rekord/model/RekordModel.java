package dev.rekord.model;

import dev.rekord.annotations.Storage;
import java.time.Duration;

/**
 * Everything the runtime knows of one model. Generated per model ({@code MemberModel}) and
 * registered with {@link java.util.ServiceLoader}, so the runtime finds all models without
 * scanning the classpath (a generated {@code META-INF/services} entry).
 *
 * @param <T> the record type
 * @param <ID> the id type
 */
public interface RekordModel<T, ID> {

  /** The record's simple name, used in messages: {@code Member}. */
  String name();

  Class<T> type();

  /** The key prefix without the trailing colon; documents live at {@code <prefix>:<id>}. */
  String keyPrefix();

  Storage storage();

  /** The default time to live of a saved document; {@link Duration#ZERO} for none. */
  Duration defaultTtl();

  /**
   * Whether reading a document restarts its expiry at {@link #defaultTtl()} ({@code
   * @RedisModel(refreshTtlOnRead = true)}); only documents that expire are refreshed.
   */
  default boolean refreshTtlOnRead() {
    return false;
  }

  IdKind idKind();

  /** The record's id, or {@code null} when it is still to be generated. */
  ID id(T entity);

  /** A copy of {@code entity} with {@code id}. */
  T withId(T entity, ID id);

  /** The id as it appears in the key. */
  String idToString(ID id);

  /** Parses an id from the key's suffix. */
  ID idFromString(String text);

  DocumentCodec<T> codec();

  IndexDefinition index();

  /**
   * The stored name (hash field, JSON property) of the {@code @Version} component, or {@code null}
   * when the model has none: every save of a versioned model checks and increments it.
   */
  default String versionField() {
    return null;
  }

  /** The entity's {@code @Version} (0 for a {@code null} one); only for a versioned model. */
  default long version(T entity) {
    throw new UnsupportedOperationException(name() + " has no @Version");
  }

  /** A copy of {@code entity} with its {@code @Version} set to {@code version}; only for a versioned model. */
  default T withVersion(T entity, long version) {
    throw new UnsupportedOperationException(name() + " has no @Version");
  }
}
