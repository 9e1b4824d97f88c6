package dev.rekord;

import dev.rekord.exception.DeserializationException;
import java.util.Objects;

/**
 * One document read by id — decoded, or the failure that kept it from being decoded — as a query
 * read item by item ({@link Query#readIterator()}) yields it. One bad document does not end the
 * iteration.
 *
 * @param id the document's id
 * @param value the record; {@code null} when it failed
 * @param failure why the document could not be decoded, naming key and field; {@code null} when
 *     it was
 * @param <ID> the id type
 * @param <T> the record type
 */
public record DocumentRead<ID, T>(ID id, T value, DeserializationException failure) {

  public DocumentRead {
    Objects.requireNonNull(id, "id must not be null");
    if ((value == null) == (failure == null)) {
      throw new IllegalArgumentException("a document read has either a value or a failure");
    }
  }

  /** A document that was decoded. */
  public static <ID, T> DocumentRead<ID, T> found(ID id, T value) {
    return new DocumentRead<>(id, Objects.requireNonNull(value, "value must not be null"), null);
  }

  /** A document that could not be decoded. */
  public static <ID, T> DocumentRead<ID, T> failed(ID id, DeserializationException failure) {
    return new DocumentRead<>(id, null, Objects.requireNonNull(failure, "failure must not be null"));
  }

  /** Whether the document could not be decoded. */
  public boolean failed() {
    return failure != null;
  }

  /**
   * The record.
   *
   * @throws DeserializationException when the document could not be decoded
   */
  public T valueOrThrow() {
    if (failure != null) {
      throw failure;
    }
    return value;
  }
}
