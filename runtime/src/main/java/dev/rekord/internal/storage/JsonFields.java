package dev.rekord.internal.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rekord.codec.JsonReader;
import dev.rekord.codec.JsonWriter;
import dev.rekord.exception.DeserializationException;
import dev.rekord.model.RekordModel;
import dev.rekord.query.Attribute;

/**
 * The fields of a JSON document as a tree: a dotted path walks into embedded records. Each value
 * goes through its field's codec as JSON text, so it is read and written exactly as the generated
 * codec does; numbers are kept exact (no detour through {@code double}).
 */
final class JsonFields<T> implements StoredFields<T> {

  private static final JsonMapper MAPPER = JsonMapper.builder()
      .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .build();

  private final String key;
  private final RekordModel<T, ?> model;
  private final ObjectNode root;

  JsonFields(String key, RekordModel<T, ?> model, String json) {
    this.key = key;
    this.model = model;
    try {
      JsonNode tree = MAPPER.readTree(json);
      if (!(tree instanceof ObjectNode object)) {
        throw new DeserializationException(key, model.name(), null, "the document is not a JSON object", null);
      }
      this.root = object;
    } catch (JsonProcessingException e) {
      throw new DeserializationException(key, model.name(), null, "malformed JSON: " + e.getOriginalMessage(), e);
    }
  }

  @Override
  public <V> V get(Attribute<T, V> field) {
    String[] names = field.path().split("\\.");
    JsonNode node = root;
    for (String name : names) {
      node = node.get(name);
      if (node == null || node.isNull()) {
        return null;
      }
    }
    return JsonReader.fromText(key, model.name(), node.toString(), field.codec());
  }

  @Override
  public <V> void set(Attribute<T, V> field, V value) {
    String[] names = field.path().split("\\.");
    ObjectNode parent = root;
    for (int i = 0; i < names.length - 1; i++) {
      JsonNode child = parent.get(names[i]);
      if (child instanceof ObjectNode object) {
        parent = object;
      } else if (value == null) {
        return; // nothing to remove inside an absent record
      } else {
        parent = parent.putObject(names[i]);
      }
    }
    String last = names[names.length - 1];
    if (value == null) {
      parent.remove(last);
      return;
    }
    try {
      parent.set(last, MAPPER.readTree(JsonWriter.toText(model.name(), value, field.codec())));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a codec wrote malformed JSON for " + field, e);
    }
  }

  @Override
  public T toEntity() {
    return model.codec().fromJson(key, root.toString());
  }
}
