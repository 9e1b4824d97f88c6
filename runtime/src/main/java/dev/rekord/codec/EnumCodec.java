package dev.rekord.codec;

import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/** Enum constants by {@link Enum#name()}; the constants are looked up once, not per read. */
final class EnumCodec<E extends Enum<E>> implements ValueCodec<E> {

  private final Map<String, E> byName = new HashMap<>();
  private final String expected;

  EnumCodec(Class<E> type) {
    StringBuilder names = new StringBuilder();
    for (E constant : type.getEnumConstants()) {
      byName.put(constant.name(), constant);
      names.append(names.length() == 0 ? "" : ", ").append(constant.name());
    }
    this.expected = "expected a constant of " + type.getSimpleName() + ": one of [" + names + "]";
  }

  @Override
  public String toText(E value) {
    return value.name();
  }

  @Override
  public E fromText(String text) {
    E constant = byName.get(text);
    if (constant == null) {
      throw new IllegalArgumentException(expected);
    }
    return constant;
  }

  @Override
  public void writeJson(JsonWriter writer, E value) throws IOException {
    writer.generator().writeString(value.name());
  }

  @Override
  public E readJson(JsonReader reader) throws IOException {
    if (reader.parser().currentToken() != JsonToken.VALUE_STRING) {
      throw new IllegalArgumentException(expected + " but found " + reader.parser().currentToken());
    }
    return fromText(reader.parser().getText());
  }
}
