package com.acme;

import dev.rekord.codec.HashReader;
import dev.rekord.codec.HashWriter;
import dev.rekord.codec.JsonReader;
import dev.rekord.codec.JsonWriter;
import dev.rekord.codec.RecordCodec;
import dev.rekord.codec.ValueCodecs;
import dev.rekord.model.DocumentCodec;
import dev.rekord.model.IndexSink;
import java.io.IOException;
import java.util.Map;
import javax.annotation.processing.Generated;

/**
 * Hash and JSON codec of {@link Counter}.
 */
@Generated("dev.rekord.processor.RekordProcessor")
public final class CounterCodec implements DocumentCodec<Counter> {
  public static final CounterCodec INSTANCE = new CounterCodec();

  static final RecordCodec<Counter> COUNTER_JSON = new CounterJson();

  private CounterCodec() {
  }

  @Override
  public Map<String, String> toHash(Counter value) {
    HashWriter hash = new HashWriter("Counter", 9);
    hash.put("id", ValueCodecs.LONG, value.id());
    hash.put("version", ValueCodecs.LONG, value.version());
    hash.put("value", ValueCodecs.INT, value.value());
    hash.put("json", ValueCodecs.STRING, value.json());
    hash.put("hash", ValueCodecs.STRING, value.hash());
    hash.put("key", ValueCodecs.STRING, value.key());
    hash.put("fields", ValueCodecs.STRING, value.fields());
    hash.put("entity", ValueCodecs.STRING, value.entity());
    hash.put("text", ValueCodecs.CHAR, value.text());
    return hash.toMap();
  }

  @Override
  public Counter fromHash(String key, Map<String, String> fields) {
    HashReader hash = new HashReader(key, "Counter", fields);
    return new Counter(
        hash.required("id", ValueCodecs.LONG),
        hash.required("version", ValueCodecs.LONG),
        hash.required("value", ValueCodecs.INT),
        hash.optional("json", ValueCodecs.STRING),
        hash.optional("hash", ValueCodecs.STRING),
        hash.optional("key", ValueCodecs.STRING),
        hash.optional("fields", ValueCodecs.STRING),
        hash.optional("entity", ValueCodecs.STRING),
        hash.required("text", ValueCodecs.CHAR));
  }

  @Override
  public String toJson(Counter value) {
    return JsonWriter.toText("Counter", value, COUNTER_JSON);
  }

  @Override
  public Counter fromJson(String key, String json) {
    return JsonReader.fromText(key, "Counter", json, COUNTER_JSON);
  }

  @Override
  public void indexValues(Counter value, IndexSink sink) {
    sink.numeric(CounterIndex.VALUE, value.value());
  }

  /**
   * JSON codec of {@link Counter}.
   */
  private static final class CounterJson extends RecordCodec<Counter> {
    CounterJson() {
      super("Counter");
    }

    @Override
    public void writeJson(JsonWriter json, Counter value) throws IOException {
      json.beginObject();
      json.field("id", ValueCodecs.LONG, value.id());
      json.field("version", ValueCodecs.LONG, value.version());
      json.field("value", ValueCodecs.INT, value.value());
      json.field("json", ValueCodecs.STRING, value.json());
      json.field("hash", ValueCodecs.STRING, value.hash());
      json.field("key", ValueCodecs.STRING, value.key());
      json.field("fields", ValueCodecs.STRING, value.fields());
      json.field("entity", ValueCodecs.STRING, value.entity());
      json.field("text", ValueCodecs.CHAR, value.text());
      json.endObject();
    }

    @Override
    public Counter readJson(JsonReader json) throws IOException {
      Long id = null;
      Long version = null;
      Integer value = null;
      String json_ = null;
      String hash = null;
      String key = null;
      String fields = null;
      String entity = null;
      Character text = null;
      json.beginObject();
      while (json.nextField()) {
        switch (json.fieldName()) {
          case "id" -> id = json.read(ValueCodecs.LONG);
          case "version" -> version = json.read(ValueCodecs.LONG);
          case "value" -> value = json.read(ValueCodecs.INT);
          case "json" -> json_ = json.read(ValueCodecs.STRING);
          case "hash" -> hash = json.read(ValueCodecs.STRING);
          case "key" -> key = json.read(ValueCodecs.STRING);
          case "fields" -> fields = json.read(ValueCodecs.STRING);
          case "entity" -> entity = json.read(ValueCodecs.STRING);
          case "text" -> text = json.read(ValueCodecs.CHAR);
          default -> json.skipValue();
        }
      }
      return new Counter(
          json.required("id", id),
          json.required("version", version),
          json.required("value", value),
          json_,
          hash,
          key,
          fields,
          entity,
          json.required("text", text));
    }
  }
}
