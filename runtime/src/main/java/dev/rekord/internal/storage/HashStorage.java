package dev.rekord.internal.storage;

import dev.rekord.connection.Command;
import dev.rekord.connection.Commands;
import dev.rekord.model.RekordModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Documents as Redis hashes: one field per component, embedded records flattened to dotted names. */
final class HashStorage<T> extends DocumentStorage<T> {

  HashStorage(RekordModel<T, ?> model) {
    super(model);
  }

  @Override
  public String redisType() {
    return "hash";
  }

  @Override
  public String scriptKind() {
    return "hash";
  }

  @Override
  public List<String> encode(T entity) {
    Map<String, String> fields = model.codec().toHash(entity);
    List<String> args = new ArrayList<>(2 * fields.size());
    for (Map.Entry<String, String> field : fields.entrySet()) {
      args.add(field.getKey());
      args.add(field.getValue());
    }
    return args;
  }

  @Override
  public Command<Map<String, String>> read(String key) {
    return Commands.hgetAll(key);
  }

  @Override
  @SuppressWarnings("unchecked")
  public Map<String, String> fromScript(Object reply) {
    if (reply == null || reply instanceof Map<?, ?>) {
      return (Map<String, String>) reply; // read by {@link #read} already
    }
    List<?> flat = (List<?>) reply;
    Map<String, String> fields = new HashMap<>(flat.size()); // capacity for flat.size() / 2 at 0.75
    for (int i = 0; i + 1 < flat.size(); i += 2) {
      fields.put(text(flat.get(i)), text(flat.get(i + 1)));
    }
    return fields;
  }

  @Override
  @SuppressWarnings("unchecked")
  public StoredFields<T> fields(String key, Object document) {
    return new HashFields<>(key, model, (Map<String, String>) document);
  }

  @Override
  @SuppressWarnings("unchecked")
  T decodeReply(String key, Object reply) {
    Map<String, String> fields = (Map<String, String>) reply;
    return fields == null || fields.isEmpty() ? null : model.codec().fromHash(key, fields);
  }
}
