package dev.rekord.internal.storage;

import dev.rekord.update.FieldValues;

/**
 * A stored document opened for a partial update: its fields read and written in their stored form
 * (hash fields, or a JSON tree) by the metamodel's attributes, then decoded into the record.
 *
 * @param <T> the record type
 */
public interface StoredFields<T> extends FieldValues<T> {

  /**
   * The record these fields now describe.
   *
   * @throws dev.rekord.exception.DeserializationException when they do not make one (e.g. a field
   *     set inside an embedded record that was {@code null}, whose other required fields are missing)
   */
  T toEntity();
}
