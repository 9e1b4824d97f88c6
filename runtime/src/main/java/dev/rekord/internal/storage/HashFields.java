package dev.rekord.internal.storage;

import dev.rekord.codec.HashWriter;
import dev.rekord.exception.DeserializationException;
import dev.rekord.model.RekordModel;
import dev.rekord.query.Attribute;
import java.util.HashMap;
import java.util.Map;

/** The fields of a hash document: one per component, embedded records flattened to dotted names. */
final class HashFields<T> implements StoredFields<T> {

  private final String key;
  private final RekordModel<T, ?> model;
  private final Map<String, String> fields;

  HashFields(String key, RekordModel<T, ?> model, Map<String, String> fields) {
    this.key = key;
    this.model = model;
    this.fields = new HashMap<>(fields);
  }

  @Override
  public <V> V get(Attribute<T, V> field) {
    String text = fields.get(field.path());
    if (text == null) {
      return null;
    }
    try {
      return field.codec().fromText(text);
    } catch (RuntimeException e) {
      throw new DeserializationException(key, model.name(), field.path(), String.valueOf(e.getMessage()), e);
    }
  }

  @Override
  public <V> void set(Attribute<T, V> field, V value) {
    String path = field.path();
    if (value == null) {
      fields.remove(path);
      return;
    }
    fields.put(path, field.codec().toText(value));
    // a field inside an embedded record: the record is present from now on (HashWriter's marker)
    for (int dot = path.indexOf('.'); dot > 0; dot = path.indexOf('.', dot + 1)) {
      fields.putIfAbsent(path.substring(0, dot), HashWriter.PRESENT);
    }
  }

  @Override
  public T toEntity() {
    return model.codec().fromHash(key, fields);
  }
}
