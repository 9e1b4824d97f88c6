package dev.rekord;

import dev.rekord.connection.Commands;
import dev.rekord.connection.RedisConnection;
import dev.rekord.exception.LockLostException;
import dev.rekord.exception.LockTimeoutException;
import dev.rekord.exception.RekordException;
import dev.rekord.internal.lock.LockScripts;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A lock on one document for multi-step work, taken with {@link RekordRepository#lock}:
 *
 * <pre>{@code
 * try (DocumentLock lock = members.lock(id, Duration.ofSeconds(30))) {
 *   Member member = members.findById(id).orElseThrow();
 *   members.save(withNewPoints(member));
 * }
 * }</pre>
 *
 * <p><b>Lease.</b> The lock expires on the server when its lease runs out, so a holder that dies
 * never blocks others for longer than the lease; work that may take longer {@link #renew()}s it.
 * A lock whose lease ran out is lost: {@link #renew()} says so with a {@link LockLostException}.
 *
 * <p><b>Fencing token.</b> Every acquisition gets a {@link #fencingToken()} larger than any
 * earlier one of the same bucket, so a store that records the largest token it has seen can refuse
 * a write from a holder whose lease ran out while it was paused.
 *
 * <p>The lock lives in the document's hash slot ({@code {<tag>}#lock:<id>}), beside the document
 * and its index entries; the document itself need not exist. Locks are advisory: saves and deletes
 * that do not take the lock are not blocked by it. Thread-safe; {@link #close()} releases it if it
 * is still held and is idempotent.
 */
public final class DocumentLock implements AutoCloseable {

  private final RedisConnection connection;
  private final String key;
  private final String model;
  private final String id;
  private final String owner;
  private final long fencingToken;
  private volatile Duration lease;

  private DocumentLock(RedisConnection connection, Target target, String owner, long fencingToken, Duration lease) {
    this.connection = connection;
    this.key = target.lockKey();
    this.model = target.model();
    this.id = target.id();
    this.owner = owner;
    this.fencingToken = fencingToken;
    this.lease = lease;
  }

  /** The id of the locked document (as it appears in keys). */
  String id() {
    return id;
  }

  /** The model of the locked document. */
  String model() {
    return model;
  }

  /** Where a lock goes: its key, the bucket's fencing counter, and what to name in errors. */
  record Target(String lockKey, String fencingKey, String model, String id) {}

  /** Takes the lock if it is free, without waiting. */
  static Optional<DocumentLock> tryAcquire(RedisConnection connection, Target target, Duration lease) {
    return Optional.ofNullable(new Attempt(connection, target, lease).once());
  }

  /**
   * Takes the lock, waiting up to {@code maxWait} for another holder to release it or for its
   * lease to run out.
   *
   * @throws LockTimeoutException when it stayed held for {@code maxWait}
   */
  static DocumentLock acquire(RedisConnection connection, Target target, Duration lease, Duration maxWait) {
    Attempt attempt = new Attempt(connection, target, lease);
    long started = System.nanoTime();
    long deadline = started + maxWait.toNanos();
    long pause = 2;
    while (true) {
      DocumentLock lock = attempt.once();
      if (lock != null) {
        return lock;
      }
      long now = System.nanoTime();
      if (now - deadline >= 0) {
        throw new LockTimeoutException(target.lockKey(), target.model(), target.id(),
            Duration.ofNanos(now - started), Duration.ofMillis(attempt.holderLeaseLeft));
      }
      // Back off with jitter (so waiters do not retry in step), never past the deadline nor much
      // past the moment the holder's lease runs out.
      long sleep = Math.max(1, Math.min(pause, Math.min(attempt.holderLeaseLeft, (deadline - now) / 1_000_000)));
      sleepMillis(ThreadLocalRandom.current().nextLong(sleep / 2, sleep + 1));
      pause = Math.min(pause * 2, 100);
    }
  }

  /** Tries to take one lock under one owner token; remembers the holder's lease when it fails. */
  private static final class Attempt {
    private final RedisConnection connection;
    private final Target target;
    private final Duration lease;
    private final List<String> args;
    private long holderLeaseLeft;

    Attempt(RedisConnection connection, Target target, Duration lease) {
      this.connection = connection;
      this.target = target;
      this.lease = lease;
      this.args = List.of(UUID.randomUUID().toString(), Long.toString(lease.toMillis()));
    }

    /** The lock, or {@code null} when another holder has it. */
    DocumentLock once() {
      List<?> reply = (List<?>) connection.eval(LockScripts.ACQUIRE, List.of(target.lockKey(), target.fencingKey()), args);
      long value = (Long) reply.get(1);
      if ((Long) reply.get(0) == 1L) {
        return new DocumentLock(connection, target, args.get(0), value, lease);
      }
      holderLeaseLeft = Math.max(0, value);
      return null;
    }
  }

  private static void sleepMillis(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RekordException("interrupted while waiting for a document lock", e);
    }
  }

  /** The lock's Redis key: {@code {<tag>}#lock:<id>}. */
  public String key() {
    return key;
  }

  /**
   * The token of this acquisition: larger than that of every earlier acquisition of a lock in the
   * same bucket, so a resource can refuse writes carrying a smaller one.
   */
  public long fencingToken() {
    return fencingToken;
  }

  /** The lease the lock was taken or last renewed with. */
  public Duration lease() {
    return lease;
  }

  /** Extends the lock by its {@link #lease()} from now. */
  public void renew() {
    renew(lease);
  }

  /**
   * Extends the lock by {@code newLease} from now.
   *
   * @throws LockLostException when the lease had already run out
   */
  public void renew(Duration newLease) {
    Arguments.requireLease(newLease);
    Object renewed = connection.eval(LockScripts.RENEW, List.of(key), List.of(owner, Long.toString(newLease.toMillis())));
    if (!Long.valueOf(1L).equals(renewed)) {
      throw new LockLostException(key, model, id, fencingToken);
    }
    lease = newLease;
  }

  /** Whether this lock is still held (its lease has not run out); asks the server. */
  public boolean isHeld() {
    return owner.equals(connection.execute(Commands.hgetAll(key)).get("owner"));
  }

  /** Releases the lock if it is still held; does nothing when its lease already ran out. */
  @Override
  public void close() {
    connection.eval(LockScripts.RELEASE, List.of(key), List.of(owner));
  }

  @Override
  public String toString() {
    return "DocumentLock[" + key + ", fencing token " + fencingToken + "]";
  }
}
