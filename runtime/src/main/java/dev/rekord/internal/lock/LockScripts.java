package dev.rekord.internal.lock;

import dev.rekord.connection.LuaScript;
import dev.rekord.internal.script.ScriptResources;

/**
 * The scripts behind {@link dev.rekord.DocumentLock}. A lock is a hash ({@code owner}, {@code
 * fence}) with an expiry, the lease; the fencing token comes from a counter per bucket, so it only
 * grows. Every script is idempotent for its owner token, so the connection may retry it.
 */
public final class LockScripts {
  private LockScripts() {}

  /** {@code {1, token}} when the caller holds the lock, {@code {0, ms left}} when another does. */
  public static final LuaScript ACQUIRE = load("lock-acquire", "lock_acquire");

  /** {@code 1} when the owner still held the lock and its lease was extended, else {@code 0}. */
  public static final LuaScript RENEW = load("lock-renew", "lock_renew");

  /** {@code 1} when the owner still held the lock and released it, else {@code 0}. */
  public static final LuaScript RELEASE = load("lock-release", "lock_release");

  private static LuaScript load(String name, String file) {
    return new LuaScript(name, ScriptResources.read(LockScripts.class, file + ".lua"), true);
  }
}
