package dev.rekord.internal.storage;

import dev.rekord.model.RekordModel;
import java.util.List;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

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
  public Object read(UnifiedJedis commands, String key) {
    return commands.get(key);
  }

  @Override
  public Response<?> read(AbstractPipeline pipeline, String key) {
    return pipeline.get(key);
  }

  @Override
  T decodeReply(String key, Object reply) {
    return reply == null ? null : model.codec().fromJson(key, (String) reply);
  }
}
