package dev.rekord.values;

import dev.rekord.exception.RekordException;
import java.util.Optional;

/**
 * What one key of a batch read ({@link Values#mget}) held: a value, nothing, or a failure — a value
 * that does not decode ({@link dev.rekord.exception.DeserializationException}, naming key and
 * type) or a key of another Redis type ({@link dev.rekord.exception.WrongTypeException}). One bad
 * key never fails the batch.
 *
 * @param key the key as asked for (without the namespace)
 * @param value the decoded value; {@code null} when missing or failed
 * @param failure why the key could not be read; {@code null} otherwise
 * @param <T> the value's type
 */
public record ValueRead<T>(String key, T value, RekordException failure) {

  public ValueRead {
    if (value != null && failure != null) {
      throw new IllegalArgumentException("a read has a value or a failure, not both");
    }
  }

  public boolean found() {
    return value != null;
  }

  public boolean missing() {
    return value == null && failure == null;
  }

  public boolean failed() {
    return failure != null;
  }

  /**
   * The value, if any.
   *
   * @throws RekordException the failure, when the key could not be read
   */
  public Optional<T> valueOrThrow() {
    if (failure != null) {
      throw failure;
    }
    return Optional.ofNullable(value);
  }
}
