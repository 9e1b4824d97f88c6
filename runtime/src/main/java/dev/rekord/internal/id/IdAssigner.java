package dev.rekord.internal.id;

import dev.rekord.connection.Commands;
import dev.rekord.connection.RedisConnection;
import dev.rekord.model.RekordModel;
import java.util.ArrayList;
import java.util.List;

/**
 * Generates ids for entities saved without one, by the model's {@link dev.rekord.model.IdKind}:
 * a monotonic ULID for {@code String}, a UUIDv7 for {@code UUID}, and for {@code Long} the next
 * value of the model's counter ({@link IdSequence#counterKey}), one {@code INCRBY} per batch.
 * Ids are turned into the model's type with {@link RekordModel#idFromString}, so no cast is needed.
 */
public final class IdAssigner {
  /** Shared so that ids from all repositories in the JVM are mutually ordered. */
  private static final UlidGenerator ULIDS = new UlidGenerator();
  private static final UuidV7Generator UUIDS = new UuidV7Generator();

  private IdAssigner() {}

  /** {@code count} new ids for {@code model}, in increasing order. */
  public static <ID> List<ID> next(RedisConnection connection, RekordModel<?, ID> model, int count) {
    List<ID> ids = new ArrayList<>(count);
    if (count == 0) {
      return ids;
    }
    switch (model.idKind()) {
      case STRING -> {
        for (int i = 0; i < count; i++) {
          ids.add(model.idFromString(ULIDS.next()));
        }
      }
      case UUID -> {
        for (int i = 0; i < count; i++) {
          ids.add(model.idFromString(UUIDS.next().toString()));
        }
      }
      case LONG -> {
        String counter = IdSequence.counterKey(model.keyPrefix());
        long last = connection.executeOnce(Commands.incrBy(counter, count)); // retried only if it did not run
        for (long id = last - count + 1; id <= last; id++) {
          ids.add(model.idFromString(Long.toString(id)));
        }
      }
    }
    return ids;
  }
}
