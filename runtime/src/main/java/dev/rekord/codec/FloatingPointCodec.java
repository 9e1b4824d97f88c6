package dev.rekord.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * float and double: text from {@code Float/Double.toString}, which parses back to the identical
 * value (including {@code -0.0} and subnormals). JSON: a number when finite, else the strings
 * {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}; both are accepted on read. Numbers are
 * parsed from their literal text, never through a wider or narrower type, so nothing is rounded.
 */
abstract class FloatingPointCodec<T extends Number> implements ValueCodec<T> {

  static final FloatingPointCodec<Float> FLOAT = new FloatingPointCodec<>("a float") {
    @Override
    public String toText(Float value) {
      return Float.toString(value);
    }

    @Override
    Float parse(String text) {
      return Float.parseFloat(text);
    }

    @Override
    void writeFinite(JsonGenerator generator, Float value) throws IOException {
      generator.writeNumber(value.floatValue());
    }
  };

  static final FloatingPointCodec<Double> DOUBLE = new FloatingPointCodec<>("a double") {
    @Override
    public String toText(Double value) {
      return Double.toString(value);
    }

    @Override
    Double parse(String text) {
      return Double.parseDouble(text);
    }

    @Override
    void writeFinite(JsonGenerator generator, Double value) throws IOException {
      generator.writeNumber(value.doubleValue());
    }
  };

  private final String expected;

  private FloatingPointCodec(String kind) {
    this.expected = "expected " + kind + " (a decimal number, NaN, Infinity or -Infinity)";
  }

  abstract T parse(String text);

  abstract void writeFinite(JsonGenerator generator, T value) throws IOException;

  @Override
  public final T fromText(String text) {
    try {
      return parse(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(expected, e);
    }
  }

  @Override
  public final void writeJson(JsonWriter writer, T value) throws IOException {
    double d = value.doubleValue();
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      writer.generator().writeString(toText(value));
    } else {
      writeFinite(writer.generator(), value);
    }
  }

  @Override
  public final T readJson(JsonReader reader) throws IOException {
    JsonToken token = reader.parser().currentToken();
    if (token != JsonToken.VALUE_NUMBER_FLOAT
        && token != JsonToken.VALUE_NUMBER_INT
        && token != JsonToken.VALUE_STRING) {
      throw new IllegalArgumentException(expected + " but found " + token);
    }
    return fromText(reader.parser().getText());
  }
}
