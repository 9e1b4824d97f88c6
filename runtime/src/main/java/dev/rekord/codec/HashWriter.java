package dev.rekord.codec;

import dev.rekord.exception.SerializationException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Collects the fields of one hash document. Generated codecs call {@link #put} once per stored
 * field; {@code null} values are left out, so an absent field reads back as {@code null}.
 */
public final class HashWriter {

  /** The value of the marker field that records a non-null embedded record. */
  public static final String PRESENT = "{}";

  private final String model;
  private final Map<String, String> fields;

  public HashWriter(String model, int expectedFields) {
    this.model = model;
    this.fields = new LinkedHashMap<>(expectedFields * 4 / 3 + 1);
  }

  /**
   * Stores {@code value} under {@code field} in the codec's text form; does nothing for {@code
   * null}.
   *
   * @throws SerializationException naming model and field when the codec rejects the value
   */
  public <T> void put(String field, ValueCodec<T> codec, T value) {
    if (value == null) {
      return;
    }
    try {
      fields.put(field, codec.toText(value));
    } catch (SerializationException e) {
      // Thrown by codecs that write JSON text (records, lists, maps) under their own name.
      throw new SerializationException(model, field + "." + e.field(), e.problem(), e);
    } catch (RuntimeException e) {
      throw new SerializationException(model, field, String.valueOf(e.getMessage()), e);
    }
  }

  /**
   * Records that the embedded record stored under the {@code field.} prefix is present, so that a
   * present record whose components are all {@code null} reads back as a record, not as {@code
   * null}.
   */
  public void putPresent(String field) {
    fields.put(field, PRESENT);
  }

  /** The collected fields, in the order they were put. */
  public Map<String, String> toMap() {
    return fields;
  }
}
