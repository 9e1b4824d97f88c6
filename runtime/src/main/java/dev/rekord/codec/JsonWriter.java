package dev.rekord.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.rekord.exception.SerializationException;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Writes one JSON document with Jackson's streaming API, keeping the path of the member being
 * written so that a value a codec rejects is reported as {@code model.address.city}.
 */
public final class JsonWriter {

  static final JsonFactory FACTORY = JsonFactory.builder().build();

  private final String model;
  private final JsonGenerator generator;
  private final Deque<String> path = new ArrayDeque<>();

  private JsonWriter(String model, JsonGenerator generator) {
    this.model = model;
    this.generator = generator;
  }

  /** Writes {@code value} with {@code codec} and returns the JSON text. */
  public static <T> String toText(String model, T value, ValueCodec<T> codec) {
    StringWriter out = new StringWriter(256);
    try (JsonGenerator generator = FACTORY.createGenerator(out)) {
      codec.writeJson(new JsonWriter(model, generator), value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** The underlying generator, for codecs that write arrays, numbers and strings. */
  public JsonGenerator generator() {
    return generator;
  }

  public void beginObject() throws IOException {
    generator.writeStartObject();
  }

  public void endObject() throws IOException {
    generator.writeEndObject();
  }

  /** Writes member {@code name} with {@code codec}; leaves the member out for {@code null}. */
  public <T> void field(String name, ValueCodec<T> codec, T value) throws IOException {
    if (value == null) {
      return;
    }
    generator.writeFieldName(name);
    path.addLast(name);
    try {
      codec.writeJson(this, value);
    } catch (SerializationException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new SerializationException(model, String.join(".", path), String.valueOf(e.getMessage()), e);
    } finally {
      path.removeLast();
    }
  }
}
