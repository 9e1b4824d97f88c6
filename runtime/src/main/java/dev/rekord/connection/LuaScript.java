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
 * <p>A {@linkplain #function(String, String, String, boolean) function} is one function of a Redis
 * Functions library (Redis 7): the connection runs it with {@code FCALL} and loads its library
 * ({@code FUNCTION LOAD REPLACE}) where a node answers that the function is not found (a node that
 * never had it, a library flushed). The library's top level runs once per load rather than on every
 * call, which is what makes a function cheaper than a script whose source defines many functions.
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
  private final String function;

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
    this(name, source, writes, null);
  }

  private LuaScript(String name, String source, boolean writes, String function) {
    this.name = name;
    this.source = source;
    this.sha = sha1Hex(source);
    this.writes = writes;
    this.function = function;
  }

  /**
   * The function {@code function} of the Redis Functions library {@code library} (its source,
   * starting {@code #!lua name=…}, registering {@code function}), run with {@code FCALL}. Function
   * names are global on a server: give the library's functions names no other library uses (a
   * version in the name lets two releases of an application coexist on one server).
   *
   * @param name what the function does, for error messages ({@code save})
   * @param writes whether it writes data ({@link ReplicaWait} applies to it)
   */
  public static LuaScript function(String name, String function, String library, boolean writes) {
    if (!library.startsWith("#!lua name=")) {
      throw new IllegalArgumentException("a library's source starts with '#!lua name=<library>': " + name);
    }
    return new LuaScript(name, library, writes, function);
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

  /**
   * The name {@code FCALL} calls, for a {@linkplain #function(String, String, String, boolean)
   * function} ({@link #source()} is then its library's source); {@code null} for a script.
   */
  public String functionName() {
    return function;
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
    return "LuaScript[" + name + ", " + (function == null ? sha : function) + "]";
  }
}
