package dev.rekord.codec;

import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.function.LongFunction;

/**
 * byte, short, int and long: decimal text, a JSON number. Reads a JSON string holding the decimal
 * too, and rejects fractions and values out of the type's range instead of truncating them.
 */
final class IntegralCodec<T extends Number> implements ValueCodec<T> {

  private final long min;
  private final long max;
  private final LongFunction<T> box;

  IntegralCodec(long min, long max, LongFunction<T> box) {
    this.min = min;
    this.max = max;
    this.box = box;
  }

  @Override
  public String toText(T value) {
    return Long.toString(value.longValue());
  }

  @Override
  public T fromText(String text) {
    long value;
    try {
      value = Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw outOfRange(e);
    }
    return checked(value);
  }

  @Override
  public void writeJson(JsonWriter writer, T value) throws IOException {
    writer.generator().writeNumber(value.longValue());
  }

  @Override
  public T readJson(JsonReader reader) throws IOException {
    JsonToken token = reader.parser().currentToken();
    if (token == JsonToken.VALUE_STRING) {
      return fromText(reader.parser().getText());
    }
    if (token != JsonToken.VALUE_NUMBER_INT) {
      throw new IllegalArgumentException(expected() + " but found " + token);
    }
    // Via text: Jackson's getLongValue() would fail on overflow with a less useful message.
    return fromText(reader.parser().getText());
  }

  private T checked(long value) {
    if (value < min || value > max) {
      throw outOfRange(null);
    }
    return box.apply(value);
  }

  private IllegalArgumentException outOfRange(Throwable cause) {
    return new IllegalArgumentException(expected(), cause);
  }

  private String expected() {
    return "expected a decimal integer from " + min + " to " + max;
  }
}
