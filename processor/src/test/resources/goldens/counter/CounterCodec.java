package com.acme;

import dev.rekord.codec.HashReader;
import dev.rekord.codec.HashWriter;
import dev.rekord.codec.ValueCodecs;
import dev.rekord.model.DocumentCodec;
import dev.rekord.model.IndexSink;
import java.util.List;
import java.util.Map;
import javax.annotation.processing.Generated;

/**
 * Hash codec of {@link Counter}.
 */
@Generated("dev.rekord.processor.RekordProcessor")
public final class CounterCodec implements DocumentCodec<Counter> {
  public static final CounterCodec INSTANCE = new CounterCodec();

  private static final List<String> HASH_FIELDS = List.of("id", "version", "value", "json", "hash", "key", "fields", "entity", "text");

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
  public List<String> hashFields() {
    return HASH_FIELDS;
  }

  @Override
  public void indexValues(Counter value, IndexSink sink) {
    sink.numeric(CounterIndex.VALUE, value.value());
  }
}
