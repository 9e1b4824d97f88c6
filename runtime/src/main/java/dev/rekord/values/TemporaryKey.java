package dev.rekord.values;

/**
 * A key that lives until {@link #close()}: made by {@link Values#temporary}, for
 * try-with-resources.
 *
 * <pre>{@code
 * try (TemporaryKey upload = values.temporary("upload:42", manifest, Duration.ofMinutes(10))) {
 *   process(upload.key());
 * } // deleted here, also when process throws
 * }</pre>
 */
public final class TemporaryKey implements AutoCloseable {

  private final Values values;
  private final String key;

  TemporaryKey(Values values, String key) {
    this.values = values;
    this.key = key;
  }

  /** The key, without the namespace (as given to {@link Values#temporary}). */
  public String key() {
    return key;
  }

  /** The key in Redis, with the namespace. */
  public String redisKey() {
    return values.redisKey(key);
  }

  /** Deletes the key. */
  @Override
  public void close() {
    values.delete(key);
  }
}
