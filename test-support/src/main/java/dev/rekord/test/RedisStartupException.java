package dev.rekord.test;

/**
 * Thrown when a Redis process cannot be found, started, or does not become ready in time. The
 * message says what to do about it and, where there is one, ends with the tail of the server log.
 */
public final class RedisStartupException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong and how to fix it
     */
    public RedisStartupException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong and how to fix it
     * @param cause the underlying failure
     */
    public RedisStartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
