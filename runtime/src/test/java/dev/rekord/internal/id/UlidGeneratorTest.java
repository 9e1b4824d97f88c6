package dev.rekord.internal.id;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class UlidGeneratorTest {

  private static final Clock FROZEN = Clock.fixed(Instant.ofEpochMilli(1_700_000_000_000L), ZoneOffset.UTC);

  @Test
  void encodesTimestampAndRandomnessInCrockfordBase32() {
    assertEquals("00000000000000000000000000", UlidGenerator.encode(0, 0, 0));
    assertEquals("7ZZZZZZZZZZZZZZZZZZZZZZZZZ", UlidGenerator.encode((1L << 48) - 1, 0xFFFF, -1L));
    // The spec's example time part: 1469918176385 ms is 01ARYZ6S41.
    assertTrue(UlidGenerator.encode(1469918176385L, 0, 0).startsWith("01ARYZ6S41"));
    assertEquals("0000000000000000000000000Z", UlidGenerator.encode(0, 0, 31));
    assertEquals("00000000000000000000000010", UlidGenerator.encode(0, 0, 32));
    // Bit 64 of the random part (the lowest of its high 16 bits) is 2^64 = 16 * 32^12: 'G'.
    assertEquals("0000000000000G000000000000", UlidGenerator.encode(0, 1, 0));
  }

  @Test
  void idsWithinOneMillisecondStillIncrease() {
    UlidGenerator ulids = new UlidGenerator(FROZEN);
    String previous = ulids.next();
    assertTrue(previous.startsWith(UlidGenerator.encode(1_700_000_000_000L, 0, 0).substring(0, 10)));
    for (int i = 0; i < 10_000; i++) {
      String next = ulids.next();
      assertEquals(26, next.length());
      assertTrue(previous.compareTo(next) < 0, previous + " then " + next);
      previous = next;
    }
  }

  @Test
  void laterMillisecondsSortLater() {
    long[] now = {1000};
    Clock stepping = new Clock() {
      @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
      @Override public Clock withZone(java.time.ZoneId zone) { return this; }
      @Override public Instant instant() { return Instant.ofEpochMilli(now[0]); }
    };
    UlidGenerator ulids = new UlidGenerator(stepping);
    String first = ulids.next();
    now[0]++;
    String second = ulids.next();
    assertTrue(first.compareTo(second) < 0);
    assertEquals(UlidGenerator.encode(1001, 0, 0).substring(0, 10), second.substring(0, 10));
  }

  @Test
  void isThreadSafe() throws InterruptedException {
    UlidGenerator ulids = new UlidGenerator(FROZEN);
    Set<String> seen = ConcurrentHashMap.newKeySet();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      threads.add(new Thread(() -> {
        for (int i = 0; i < 5_000; i++) {
          seen.add(ulids.next());
        }
      }));
    }
    threads.forEach(Thread::start);
    for (Thread thread : threads) {
      thread.join();
    }
    assertEquals(20_000, seen.size());
  }
}
