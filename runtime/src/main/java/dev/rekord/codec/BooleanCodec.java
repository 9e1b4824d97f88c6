package dev.rekord.codec;

import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/** {@code true}/{@code false} as text and as JSON booleans; anything else is rejected. */
final class BooleanCodec implements ValueCodec<Boolean> {

  static final BooleanCodec INSTANCE = new BooleanCodec();

  private BooleanCodec() {}

  @Override
  public String toText(Boolean value) {
    return value ? "true" : "false";
  }

  @Override
  public Boolean fromText(String text) {
    // Not Boolean.parseBoolean: it reads every typo as false.
    switch (text) {
      case "true":
        return Boolean.TRUE;
      case "false":
        return Boolean.FALSE;
      default:
        throw new IllegalArgumentException("expected true or false");
    }
  }

  @Override
  public void writeJson(JsonWriter writer, Boolean value) throws IOException {
    writer.generator().writeBoolean(value);
  }

  @Override
  public Boolean readJson(JsonReader reader) throws IOException {
    JsonToken token = reader.parser().currentToken();
    if (token == JsonToken.VALUE_TRUE) {
      return Boolean.TRUE;
    }
    if (token == JsonToken.VALUE_FALSE) {
      return Boolean.FALSE;
    }
    if (token == JsonToken.VALUE_STRING) {
      return fromText(reader.parser().getText());
    }
    throw new IllegalArgumentException("expected a JSON boolean but found " + token);
  }
}
