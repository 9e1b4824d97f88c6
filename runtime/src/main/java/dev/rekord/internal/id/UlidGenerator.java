package dev.rekord.internal.id;

import java.security.SecureRandom;
import java.time.Clock;

/**
 * Monotonic ULIDs: 26 characters of Crockford base32, a 48-bit millisecond timestamp followed by
 * 80 random bits. Within one millisecond the random part is incremented instead of redrawn, so ids
 * from one generator sort lexicographically in the order they were made. Thread-safe.
 *
 * @see <a href="https://github.com/ulid/spec">ULID specification</a>
 */
public final class UlidGenerator {

  private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
  private static final long MAX_TIMESTAMP = (1L << 48) - 1;
  private static final long RANDOM_HIGH_MASK = (1L << 16) - 1;

  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private long lastMillis = -1;
  /** The 80 random bits: 16 high, 64 low. */
  private long randomHigh;
  private long randomLow;

  public UlidGenerator() {
    this(Clock.systemUTC());
  }

  /** For tests that need a fixed or stepping clock. */
  public UlidGenerator(Clock clock) {
    this.clock = clock;
  }

  /** The next ULID, greater than every one this generator returned before. */
  public synchronized String next() {
    long now = clock.millis();
    if (now > lastMillis) {
      lastMillis = now;
      randomHigh = random.nextInt() & RANDOM_HIGH_MASK;
      randomLow = random.nextLong();
    } else {
      increment();
    }
    if (lastMillis > MAX_TIMESTAMP) {
      throw new IllegalStateException("the clock is beyond the ULID range: " + lastMillis);
    }
    return encode(lastMillis, randomHigh, randomLow);
  }

  /** Adds one to the 80-bit random part; on overflow, borrows the next millisecond. */
  private void increment() {
    randomLow++;
    if (randomLow == 0) {
      randomHigh = (randomHigh + 1) & RANDOM_HIGH_MASK;
      if (randomHigh == 0) {
        lastMillis++;
      }
    }
  }

  static String encode(long millis, long randomHigh, long randomLow) {
    char[] out = new char[26];
    // 48 time bits in 10 characters (the first holds only 3 bits).
    for (int i = 9; i >= 0; i--) {
      out[i] = CROCKFORD[(int) (millis & 31)];
      millis >>>= 5;
    }
    // 80 random bits in 16 characters: 64 low bits, then 16 high bits.
    long low = randomLow;
    long high = randomHigh;
    for (int i = 25; i >= 10; i--) {
      out[i] = CROCKFORD[(int) (low & 31)];
      low = (low >>> 5) | ((high & 31) << 59);
      high >>>= 5;
    }
    return new String(out);
  }
}
