package dev.rekord.internal.storage;

import dev.rekord.connection.Command;
import dev.rekord.connection.Commands;
import dev.rekord.model.RekordModel;
import java.util.List;

/** Documents as JSON text in Redis strings (no RedisJSON module needed). */
final class JsonStorage<T> extends DocumentStorage<T> {

  JsonStorage(RekordModel<T, ?> model) {
    super(model);
  }

  @Override
  public String redisType() {
    return "string";
  }

  @Override
  public String scriptKind() {
    return "json";
  }

  @Override
  public List<String> encode(T entity) {
    return List.of(model.codec().toJson(entity));
  }

  @Override
  public Command<String> read(String key) {
    return Commands.get(key);
  }

  @Override
  public String fromScript(Object reply) {
    return reply == null ? null : text(reply);
  }

  @Override
  public StoredFields<T> fields(String key, Object document) {
    return new JsonFields<>(key, model, (String) document);
  }

  @Override
  T decodeReply(String key, Object reply) {
    return reply == null ? null : model.codec().fromJson(key, (String) reply);
  }
}
