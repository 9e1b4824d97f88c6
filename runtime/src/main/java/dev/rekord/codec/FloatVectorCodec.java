package dev.rekord.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Base64;

/**
 * {@code float[]} (vectors): in a hash field, standard Base64 of the FLOAT32 little-endian bytes —
 * the blob the Redis Query Engine indexes, kept as text so it reads back through the same text
 * path as every other field (4/3 of the blob's size); in JSON, an array of numbers (non-finite
 * elements as the strings of {@link FloatingPointCodec}). Both round-trip every float exactly,
 * {@code -0.0} and NaN payload-free values included.
 */
final class FloatVectorCodec implements ValueCodec<float[]> {

  static final FloatVectorCodec INSTANCE = new FloatVectorCodec();

  private static final String EXPECTED = "expected standard Base64 of FLOAT32 little-endian bytes";

  private FloatVectorCodec() {}

  /** The FLOAT32 little-endian bytes of {@code vector}. */
  static byte[] bytes(float[] vector) {
    ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    buffer.asFloatBuffer().put(vector);
    return buffer.array();
  }

  @Override
  public String toText(float[] value) {
    return Base64.getEncoder().encodeToString(bytes(value));
  }

  @Override
  public float[] fromText(String text) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(EXPECTED, e);
    }
    if (bytes.length % Float.BYTES != 0) {
      throw new IllegalArgumentException(EXPECTED + ", but found " + bytes.length + " bytes, not a multiple of 4");
    }
    float[] vector = new float[bytes.length / Float.BYTES];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
    return vector;
  }

  @Override
  public void writeJson(JsonWriter writer, float[] value) throws IOException {
    JsonGenerator generator = writer.generator();
    generator.writeStartArray();
    for (float element : value) {
      FloatingPointCodec.FLOAT.writeJson(writer, element);
    }
    generator.writeEndArray();
  }

  @Override
  public float[] readJson(JsonReader reader) throws IOException {
    JsonParser parser = reader.parser();
    if (parser.currentToken() != JsonToken.START_ARRAY) {
      throw new IllegalArgumentException("expected a JSON array of numbers but found " + parser.currentToken());
    }
    float[] vector = new float[16];
    int size = 0;
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      if (size == vector.length) {
        vector = Arrays.copyOf(vector, size * 2);
      }
      vector[size++] = FloatingPointCodec.FLOAT.readJson(reader);
    }
    return Arrays.copyOf(vector, size);
  }
}
