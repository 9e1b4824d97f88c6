package dev.rekord.benchmarks;

import com.sun.management.GarbageCollectionNotificationInfo;
import dev.rekord.Rekord;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.ref.Reference;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import redis.clients.jedis.RedisClient;

/**
 * How much heap a read of {@value #LARGE} documents needs: {@code list()} (which collects) against
 * {@code stream()} (pages of 500) and raw {@code HGETALL} pipelines. Run by {@code run.sh} in its
 * own JVM with a small heap ({@code PROBE_HEAP}, so collections are frequent), against the
 * {@link FourIndexMember} documents {@link Benchmark} left on the server. For each read: the
 * largest heap in use right after a collection during the read (the live data it needed, a lower
 * bound of its peak), the collections, and the heap in use afterwards while the result is still
 * held; or the {@link OutOfMemoryError}.
 *
 * <p>Arguments: {@code --port P}, {@code --host H}, {@code --docs N} (the documents on the server).
 */
public final class HeapProbe {
  private static final int LARGE = 100_000;
  private static final int PAGE = 500;

  private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
      .filter(pool -> pool.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
  private final AtomicLong maxAfterGc = new AtomicLong();
  private final AtomicInteger collections = new AtomicInteger();

  public static void main(String[] args) throws InterruptedException {
    Options options = new Options(args);
    String host = options.get("host", "localhost");
    int port = options.integer("port", 0);
    int n = Math.min(LARGE, options.integer("docs", LARGE));
    try (Rekord rekord = RekordSide.connect("redis://" + host + ":" + port, 0);
        RedisClient raw = RawJedis.connect(host, port, null)) {
      new HeapProbe().run(new FourIndexMemberRepository(rekord), raw, n);
    }
  }

  private void run(FourIndexMemberRepository repo, RedisClient raw, int n) throws InterruptedException {
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      ((NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
        if (notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
          long used = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData()).getGcInfo()
              .getMemoryUsageAfterGc().entrySet().stream().filter(e -> heapPools.contains(e.getKey()))
              .mapToLong(e -> e.getValue().getUsed()).sum();
          maxAfterGc.accumulateAndGet(used, Math::max);
          collections.incrementAndGet();
        }
      }, null, null);
    }
    List<String> keys = repo.findAll().limit(n).ids().stream().map(repo::keyOf).toList();
    System.out.printf(Locale.ROOT, "| read of %,d documents (heap usable: %,d MB) | heap before, MB | max heap after a GC during the read, MB | collections during the read | heap after, result held, MB | outcome |%n",
        keys.size(), Runtime.getRuntime().maxMemory() >> 20);
    System.out.println("|---|--:|--:|--:|--:|---|");
    measure("`repo.findAll().limit(" + n + ").list()`", () -> repo.findAll().limit(n).list());
    measure("`repo.findAll().limit(" + n + ").stream()`, counted", () -> {
      try (var stream = repo.findAll().limit(n).stream()) {
        return stream.count();
      }
    });
    measure("raw: one pipeline of `HGETALL`, decoded into a list", () -> LargeReads.decode(RawJedis.hgetAll(raw, keys)));
    measure("raw: pipelines of " + PAGE + " `HGETALL`, counted", () -> {
      long count = 0;
      for (int from = 0; from < keys.size(); from += PAGE) {
        count += LargeReads.decode(RawJedis.hgetAll(raw, keys.subList(from, Math.min(from + PAGE, keys.size())))).size();
      }
      return count;
    });
    System.out.println();
  }

  /** Runs {@code read} from a collected heap, and prints its row. */
  private void measure(String name, Supplier<Object> read) throws InterruptedException {
    long before = collectedHeap();
    maxAfterGc.set(0);
    collections.set(0);
    Object result = null;
    String outcome;
    try {
      result = read.get();
      outcome = result instanceof List<?> list ? list.size() + " records" : result + " counted";
    } catch (OutOfMemoryError e) {
      outcome = "**OutOfMemoryError**";
    }
    int during = collections.get();
    long max = maxAfterGc.get();
    long after = collectedHeap();
    Reference.reachabilityFence(result); // held through the collection above
    System.out.printf(Locale.ROOT, "| %s | %.1f | %s | %d | %.1f | %s |%n", name, before / 1e6,
        during == 0 ? "– (no collection)" : String.format(Locale.ROOT, "%.1f", max / 1e6), during, after / 1e6, outcome);
  }

  /** Heap in use after a full collection (and after its notification has been delivered). */
  private long collectedHeap() throws InterruptedException {
    System.gc();
    Thread.sleep(200);
    return ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> heapPools.contains(pool.getName()))
        .mapToLong(pool -> pool.getUsage().getUsed()).sum();
  }
}
