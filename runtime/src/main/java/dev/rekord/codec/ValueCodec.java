package dev.rekord.codec;

import java.io.IOException;

/**
 * Converts one Java value to and from its stored forms: the text stored in a hash field, and a
 * JSON value. Implementations are stateless and thread-safe. No method is ever called with a
 * {@code null} value: absent values are handled by {@link HashWriter}, {@link HashReader}, {@link
 * JsonWriter} and {@link JsonReader}.
 *
 * <p>Errors: {@link #fromText} and {@link #readJson} throw any {@link RuntimeException} (or {@link
 * IOException}) for input they cannot parse; the readers wrap it in a {@link
 * dev.rekord.exception.DeserializationException} that names key, model and field.
 *
 * @param <T> the Java type
 */
public interface ValueCodec<T> {

  /** The text stored in a hash field (or as a JSON string where the JSON form is a string). */
  String toText(T value);

  /** Parses what {@link #toText} wrote. */
  T fromText(String text);

  /** Writes the value as JSON at the writer's current position. */
  void writeJson(JsonWriter writer, T value) throws IOException;

  /**
   * Reads the value the reader's parser is positioned on (the value token has been read already,
   * and is not JSON {@code null}).
   */
  T readJson(JsonReader reader) throws IOException;
}
