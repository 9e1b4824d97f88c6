package dev.rekord.values;

import dev.rekord.connection.Commands;
import dev.rekord.exception.DeserializationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Typed values in the fields of one hash ({@link Values#hash}), each stored as {@link Values}
 * stores a value.
 */
public final class HashValues {

  private final Values values;
  private final String redisKey;

  HashValues(Values values, String redisKey) {
    this.values = values;
    this.redisKey = redisKey;
  }

  /** {@code HGET}: the field's value, empty when there is none. */
  public <T> Optional<T> get(String field, Class<T> type) {
    String text = values.connection().execute(Commands.hget(redisKey, field));
    return text == null ? Optional.empty() : Optional.of(values.mapper().read(ValueType.of(type), where(field), text));
  }

  /** {@code HSET} of one field. */
  public void set(String field, Object value) {
    values.connection().execute(Commands.hset(redisKey, Map.of(field, write(value))));
  }

  /** {@code HSET} of several fields, in one command. */
  public void setAll(Map<String, ?> fields) {
    Map<String, String> texts = new LinkedHashMap<>();
    fields.forEach((field, value) -> texts.put(field, write(value)));
    values.connection().execute(Commands.hset(redisKey, texts));
  }

  /**
   * {@code HMGET}: for every field, in the order asked, its value, missing, or its failure (text
   * that does not decode). The key of each read is the field.
   */
  public <T> List<ValueRead<T>> get(Class<T> type, List<String> fields) {
    List<String> texts = values.connection().execute(Commands.hmget(redisKey, fields));
    List<ValueRead<T>> reads = new ArrayList<>(fields.size());
    for (int i = 0; i < fields.size(); i++) {
      String text = texts.get(i);
      try {
        T value = text == null ? null : values.mapper().read(ValueType.of(type), where(fields.get(i)), text);
        reads.add(new ValueRead<>(fields.get(i), value, null));
      } catch (DeserializationException e) {
        reads.add(new ValueRead<>(fields.get(i), null, e));
      }
    }
    return reads;
  }

  /**
   * {@code HGETALL}: every field, read as {@code type}.
   *
   * @throws DeserializationException for the first field that does not decode
   */
  public <T> Map<String, T> getAll(Class<T> type) {
    Map<String, T> fields = new LinkedHashMap<>();
    values.connection().execute(Commands.hgetAll(redisKey)).forEach((field, text) ->
        fields.put(field, values.mapper().read(ValueType.of(type), where(field), text)));
    return fields;
  }

  /** {@code HDEL}: how many of the fields existed. */
  public long delete(String... fields) {
    return values.connection().execute(Commands.hdel(redisKey, List.of(fields)));
  }

  private String write(Object value) {
    return values.mapper().write(ValueType.ofValue(value), value);
  }

  /** The key and field, as errors name them. */
  private String where(String field) {
    return redisKey + "#" + field;
  }
}
