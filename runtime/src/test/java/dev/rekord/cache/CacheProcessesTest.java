package dev.rekord.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.Rekord;
import dev.rekord.TwoInstancesTest;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Single-flight between two JVM processes, and a loader that outlives the lock's TTL: computations
 * are counted in Redis, where every process's count lands.
 */
class CacheProcessesTest extends TwoInstancesTest {

  /** A slow computation, counted in Redis; its result names the process that ran it. */
  static String compute(Rekord rekord, String who) {
    CacheProcess.countComputation(rekord);
    sleep(1_000);
    return "computed by " + who;
  }

  @Test
  void twoJvmProcessesAndEightThreadsComputeOneKeyExactlyOnce() throws Exception {
    Process child = new ProcessBuilder(javaExecutable(), "-cp", testClasspath(), CacheProcess.class.getName(), server.url())
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        Writer in = new OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8)) {
      assertEquals("ready", out.readLine(), "the second JVM connected");
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
          Cache cache = (i % 2 == 0 ? rekord : otherInstance).cache("processes");
          results.add(pool.submit(() -> {
            start.await();
            return cache.getOrCompute("answer", String.class, Duration.ofMinutes(1), () -> compute(rekord, "parent"));
          }));
        }
        in.write("go\n");
        in.flush();
        start.countDown();
        String childValue = out.readLine();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the second JVM finished");
        assertEquals(0, child.exitValue());

        String value = results.get(0).get(60, TimeUnit.SECONDS);
        for (Future<String> result : results) {
          assertEquals(value, result.get(60, TimeUnit.SECONDS));
        }
        assertEquals("value=" + value, childValue, "both processes got the one computation's result");
        assertEquals("1", redis.get("app:computations"), "exactly one computation across both JVMs");
      } finally {
        pool.shutdownNow();
      }
    } finally {
      child.destroyForcibly();
    }
  }

  @Test
  void aLoaderSlowerThanTheLockTtlKeepsItsLockSoNoSecondLoadStarts() throws Exception {
    // The lock is renewed every third of its TTL: a TTL of 1.5 s lets a renewal come up to a second
    // late on a loaded machine (150 ms allowed 100 ms), and the load still outlasts three TTLs.
    CacheOptions shortLock = CacheOptions.DEFAULT.withLockTtl(Duration.ofMillis(1_500)).withMaxWait(Duration.ofSeconds(30));
    Cache here = new Cache(rekord.values(), "renewed", shortLock);
    Cache there = new Cache(otherInstance.values(), "renewed", shortLock);
    AtomicInteger calls = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<String> first = pool.submit(() -> here.getOrCompute("slow", String.class, Duration.ofMinutes(1), () -> {
        calls.incrementAndGet();
        sleep(5_000); // more than three lock TTLs: without renewals the lock would expire while the other waits
        return "first";
      }));
      while (!redis.exists("app:cache:renewed:lock:slow")) {
        sleep(5);
      }
      Future<String> second = pool.submit(() -> there.getOrCompute("slow", String.class, Duration.ofMinutes(1), () -> {
        calls.incrementAndGet();
        return "second";
      }));
      assertEquals("first", first.get(60, TimeUnit.SECONDS));
      assertEquals("first", second.get(60, TimeUnit.SECONDS), "the other process waited for the renewed lock");
      assertEquals(1, calls.get(), "no second load while the first ran");
      assertEquals(1, there.stats().waits());
      assertTrue(!redis.exists("app:cache:renewed:lock:slow"), "the lock is released after the load");
    } finally {
      pool.shutdownNow();
    }
  }

  private static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** This JVM's class path and module path, as one class path (the child runs everything unnamed). */
  private static String testClasspath() {
    List<String> entries = new ArrayList<>();
    for (String property : List.of("java.class.path", "jdk.module.path")) {
      String value = System.getProperty(property);
      if (value != null && !value.isEmpty()) {
        entries.add(value);
      }
    }
    return String.join(File.pathSeparator, entries);
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
