package dev.rekord.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Collection;
import java.util.function.Supplier;

/**
 * A list or set: a JSON array whose elements use the element codec's JSON form ({@code null}
 * elements are JSON {@code null}). In a hash field the array is stored as JSON text.
 */
final class CollectionCodec<E, C extends Collection<E>> implements ValueCodec<C> {

  /** Names the value in errors of the text form; {@link HashReader} replaces it with the key. */
  static final String TEXT_SOURCE = "(field value)";

  private final ValueCodec<E> element;
  private final Supplier<C> factory;
  private final String name;

  CollectionCodec(ValueCodec<E> element, Supplier<C> factory, String name) {
    this.element = element;
    this.factory = factory;
    this.name = name;
  }

  @Override
  public String toText(C value) {
    return JsonWriter.toText(name, value, this);
  }

  @Override
  public C fromText(String text) {
    return JsonReader.fromText(TEXT_SOURCE, name, text, this);
  }

  @Override
  public void writeJson(JsonWriter writer, C value) throws IOException {
    JsonGenerator generator = writer.generator();
    generator.writeStartArray();
    for (E item : value) {
      if (item == null) {
        generator.writeNull();
      } else {
        element.writeJson(writer, item);
      }
    }
    generator.writeEndArray();
  }

  @Override
  public C readJson(JsonReader reader) throws IOException {
    JsonParser parser = reader.parser();
    if (parser.currentToken() != JsonToken.START_ARRAY) {
      throw new IllegalArgumentException("expected a JSON array but found " + parser.currentToken());
    }
    C result = factory.get();
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      result.add(reader.readCurrent(element));
    }
    return result;
  }
}
