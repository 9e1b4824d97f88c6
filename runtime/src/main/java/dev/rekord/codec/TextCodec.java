package dev.rekord.codec;

import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.function.Function;

/**
 * A codec whose JSON form is its text form as a JSON string. Parse failures become an {@link
 * IllegalArgumentException} saying what was expected, which the readers wrap with key and field.
 */
final class TextCodec<T> implements ValueCodec<T> {

  private final String expected;
  private final Function<T, String> format;
  private final Function<String, T> parse;
  private final boolean acceptsJsonNumbers;

  private TextCodec(
      String expected, Function<T, String> format, Function<String, T> parse, boolean numbers) {
    this.expected = expected;
    this.format = format;
    this.parse = parse;
    this.acceptsJsonNumbers = numbers;
  }

  /**
   * @param expected what valid text looks like, for error messages ("an ISO-8601 date")
   */
  static <T> TextCodec<T> of(String expected, Function<T, String> format, Function<String, T> parse) {
    return new TextCodec<>(expected, format, parse, false);
  }

  /** Like {@link #of}, but also reads a JSON number (for decimals other writers may store as numbers). */
  static <T> TextCodec<T> acceptingNumbers(
      String expected, Function<T, String> format, Function<String, T> parse) {
    return new TextCodec<>(expected, format, parse, true);
  }

  @Override
  public String toText(T value) {
    return format.apply(value);
  }

  @Override
  public T fromText(String text) {
    T value;
    try {
      value = parse.apply(text);
    } catch (RuntimeException e) {
      String detail = e.getMessage() == null ? "" : " (" + e.getMessage() + ")";
      throw new IllegalArgumentException("expected " + expected + detail, e);
    }
    if (value == null) {
      throw new IllegalArgumentException("expected " + expected);
    }
    return value;
  }

  @Override
  public void writeJson(JsonWriter writer, T value) throws IOException {
    writer.generator().writeString(toText(value));
  }

  @Override
  public T readJson(JsonReader reader) throws IOException {
    JsonToken token = reader.parser().currentToken();
    boolean number = token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT;
    if (token != JsonToken.VALUE_STRING && !(number && acceptsJsonNumbers)) {
      throw new IllegalArgumentException(
          "expected a JSON string holding " + expected + " but found " + token);
    }
    return fromText(reader.parser().getText());
  }
}
