package dev.rekord.exception;

/**
 * Redis answered {@code WRONGTYPE}: the command's key holds another Redis type than the command
 * works on (a plain string where a hash is read, say). Repositories turn it into a {@link
 * DeserializationException} naming the key, the model and the type found.
 */
public class WrongTypeException extends RedisCommandException {
  private static final long serialVersionUID = 1L;

  public WrongTypeException(String message, Throwable cause) {
    super(message, cause);
  }
}
