package dev.rekord.codec;

import dev.rekord.exception.DeserializationException;
import java.util.Map;

/**
 * Reads typed values from the fields of one hash document; every failure is a {@link
 * DeserializationException} naming the key, the model and the field.
 */
public final class HashReader {

  private final String key;
  private final String model;
  private final Map<String, String> fields;

  public HashReader(String key, String model, Map<String, String> fields) {
    this.key = key;
    this.model = model;
    this.fields = fields;
  }

  /** The field's value, or {@code null} when the field is absent. */
  public <T> T optional(String field, ValueCodec<T> codec) {
    String text = fields.get(field);
    if (text == null) {
      return null;
    }
    try {
      return codec.fromText(text);
    } catch (DeserializationException e) {
      // Thrown by codecs that parse JSON text (records, lists, maps) with a placeholder key.
      String path = e.field() == null ? field : field + "." + e.field();
      throw new DeserializationException(key, model, path, e.problem(), e);
    } catch (RuntimeException e) {
      throw error(field, "cannot parse '" + abbreviate(text) + "': " + e.getMessage(), e);
    }
  }

  /** The field's value; an absent field is an error (used for primitives and the id). */
  public <T> T required(String field, ValueCodec<T> codec) {
    T value = optional(field, codec);
    if (value == null) {
      throw error(field, "the field is missing", null);
    }
    return value;
  }

  /** Whether the embedded record stored under the {@code field.} prefix is present. */
  public boolean present(String field) {
    return fields.containsKey(field);
  }

  /** An error about {@code field} of this document. */
  public DeserializationException error(String field, String problem, Throwable cause) {
    return new DeserializationException(key, model, field, problem, cause);
  }

  static String abbreviate(String text) {
    return text.length() <= 80 ? text : text.substring(0, 77) + "...";
  }
}
