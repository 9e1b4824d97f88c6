package dev.rekord.connection;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A server-side Lua script: its source and the SHA-1 Redis knows it by. {@link
 * RedisConnection#eval} runs it with {@code EVALSHA} and loads it where a node answers {@code
 * NOSCRIPT} (after a restart or {@code SCRIPT FLUSH}). Keys go in {@code KEYS}, values only in
 * {@code ARGV}: nothing user-supplied is ever part of the source. Immutable and thread-safe.
 *
 * <p>The connection retries a script call after a transient failure, so every script it runs
 * must be idempotent: it replaces, removes or reads, and running it twice leaves what running it
 * once does.
 */
public final class LuaScript {

  private final String name;
  private final String source;
  private final String sha;
  private final boolean writes;

  /**
   * A script that only reads (or writes nothing that must survive a failover, like a query's
   * snapshot).
   *
   * @param name what the script does, for error messages ({@code save-hash})
   */
  public LuaScript(String name, String source) {
    this(name, source, false);
  }

  /**
   * @param name what the script does, for error messages ({@code save-hash})
   * @param writes whether it writes data, so waits for replicas when the connection asks for it
   *     ({@link ReplicaWait})
   */
  public LuaScript(String name, String source, boolean writes) {
    this.name = name;
    this.source = source;
    this.sha = sha1Hex(source);
    this.writes = writes;
  }

  public String name() {
    return name;
  }

  public String source() {
    return source;
  }

  /** The SHA-1 Redis knows the script by. */
  public String sha() {
    return sha;
  }

  /** Whether the script writes data ({@link ReplicaWait} applies to it). */
  public boolean writes() {
    return writes;
  }

  private static String sha1Hex(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
      StringBuilder hex = new StringBuilder(40);
      for (byte b : digest) {
        hex.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
      }
      return hex.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-1", e);
    }
  }

  @Override
  public String toString() {
    return "LuaScript[" + name + ", " + sha + "]";
  }
}
