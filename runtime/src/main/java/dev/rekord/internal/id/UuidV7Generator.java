package dev.rekord.internal.id;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/**
 * Version 7 UUIDs (RFC 9562): a 48-bit Unix millisecond timestamp, the version and variant bits,
 * and 74 further bits. The 12 bits after the version are a counter within the millisecond (RFC
 * 9562, section 6.2, method 1), started at a random value below 2048, so ids from one generator
 * are strictly increasing; the remaining 62 bits are random. Thread-safe.
 */
public final class UuidV7Generator {

  private static final int COUNTER_MAX = 0xFFF;

  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private long lastMillis = -1;
  private int counter;

  public UuidV7Generator() {
    this(Clock.systemUTC());
  }

  /** For tests that need a fixed or stepping clock. */
  public UuidV7Generator(Clock clock) {
    this.clock = clock;
  }

  /** The next UUIDv7, greater (as unsigned 128 bits and as text) than every earlier one. */
  public synchronized UUID next() {
    long now = clock.millis();
    if (now > lastMillis) {
      lastMillis = now;
      counter = random.nextInt(COUNTER_MAX / 2 + 1);
    } else if (counter < COUNTER_MAX) {
      counter++;
    } else {
      lastMillis++; // counter exhausted: borrow the next millisecond
      counter = 0;
    }
    long high = (lastMillis << 16) | 0x7000L | counter;
    long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    return new UUID(high, low);
  }
}
