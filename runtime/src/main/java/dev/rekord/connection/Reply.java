package dev.rekord.connection;

/**
 * The reply to one command of a {@link Batch}, available once the batch has run.
 *
 * @param <T> the reply's type
 */
public interface Reply<T> {

  /**
   * The reply.
   *
   * @throws dev.rekord.exception.RedisCommandException when Redis answered this command with an
   *     error ({@link dev.rekord.exception.WrongTypeException} for {@code WRONGTYPE})
   * @throws IllegalStateException when the batch has not run yet
   */
  T get();
}
