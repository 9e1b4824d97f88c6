package dev.rekord.internal.id;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UuidV7GeneratorTest {

  private static final long NOW = 1_700_000_000_000L;

  @Test
  void carriesVersionVariantAndTimestamp() {
    UUID id = new UuidV7Generator(Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC)).next();
    assertEquals(7, id.version());
    assertEquals(2, id.variant());
    assertEquals(NOW, id.getMostSignificantBits() >>> 16);
  }

  @Test
  void increasesWithinOneMillisecondBeyondTheCounter() {
    UuidV7Generator uuids = new UuidV7Generator(Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));
    String previous = uuids.next().toString();
    for (int i = 0; i < 10_000; i++) { // more than the 12-bit counter holds
      UUID next = uuids.next();
      assertEquals(7, next.version());
      assertEquals(2, next.variant());
      assertTrue(previous.compareTo(next.toString()) < 0, previous + " then " + next);
      previous = next.toString();
    }
  }
}
