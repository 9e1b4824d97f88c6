package dev.rekord;

import dev.rekord.connection.RedisConnection;
import dev.rekord.model.ModelRegistry;
import dev.rekord.model.RekordModel;
import java.time.Duration;
import java.util.List;

/**
 * The entry point: a connection to Redis and the models compiled into the application.
 *
 * <pre>{@code
 * try (Rekord rekord = Rekord.connect("redis://localhost:6379")) {
 *   MemberRepository members = new MemberRepository(rekord);
 *   members.save(new Member(null, "Oslo", LocalDate.now()));
 * }
 * }</pre>
 */
public final class Rekord implements AutoCloseable {

  private final RedisConnection connection;

  private Rekord(RedisConnection connection) {
    this.connection = connection;
  }

  /**
   * Connects to {@code redis://[user:password@]host:port[/database]} or {@code rediss://…} (TLS).
   */
  public static Rekord connect(String url) {
    return builder().url(url).build();
  }

  /** Wraps an existing connection. */
  public static Rekord using(RedisConnection connection) {
    return new Rekord(connection);
  }

  public static Builder builder() {
    return new Builder();
  }

  public RedisConnection connection() {
    return connection;
  }

  /** Every model compiled into the application (found through generated registrations). */
  public List<RekordModel<?, ?>> models() {
    return ModelRegistry.load(Thread.currentThread().getContextClassLoader());
  }

  @Override
  public void close() {
    connection.close();
  }

  /** Connection settings; unset values keep Jedis' defaults. */
  public static final class Builder {
    // TODO(runtime): url, host, port, user, password, database, ssl, connectTimeout,
    // socketTimeout, poolSize, clientName; build() connects and detects cluster mode.
    private Builder() {}

    public Builder url(String url) {
      throw new UnsupportedOperationException("TODO(runtime)");
    }

    public Builder connectTimeout(Duration timeout) {
      throw new UnsupportedOperationException("TODO(runtime)");
    }

    public Rekord build() {
      throw new UnsupportedOperationException("TODO(runtime)");
    }
  }
}
