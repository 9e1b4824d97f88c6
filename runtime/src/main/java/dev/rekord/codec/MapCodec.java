package dev.rekord.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A map with string keys: a JSON object whose members use the value codec's JSON form ({@code
 * null} values are JSON {@code null}). In a hash field the object is stored as JSON text. Decodes
 * to a {@link LinkedHashMap} in stored order.
 */
final class MapCodec<V> implements ValueCodec<Map<String, V>> {

  private final ValueCodec<V> values;

  MapCodec(ValueCodec<V> values) {
    this.values = values;
  }

  @Override
  public String toText(Map<String, V> value) {
    return JsonWriter.toText("map", value, this);
  }

  @Override
  public Map<String, V> fromText(String text) {
    return JsonReader.fromText(CollectionCodec.TEXT_SOURCE, "map", text, this);
  }

  @Override
  public void writeJson(JsonWriter writer, Map<String, V> value) throws IOException {
    JsonGenerator generator = writer.generator();
    generator.writeStartObject();
    for (Map.Entry<String, V> entry : value.entrySet()) {
      if (entry.getKey() == null) {
        throw new IllegalArgumentException("a map key is null; JSON objects need string keys");
      }
      generator.writeFieldName(entry.getKey());
      if (entry.getValue() == null) {
        generator.writeNull();
      } else {
        values.writeJson(writer, entry.getValue());
      }
    }
    generator.writeEndObject();
  }

  @Override
  public Map<String, V> readJson(JsonReader reader) throws IOException {
    JsonParser parser = reader.parser();
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      throw new IllegalArgumentException("expected a JSON object but found " + parser.currentToken());
    }
    Map<String, V> result = new LinkedHashMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      parser.nextToken();
      result.put(name, reader.readCurrent(values));
    }
    return result;
  }
}
