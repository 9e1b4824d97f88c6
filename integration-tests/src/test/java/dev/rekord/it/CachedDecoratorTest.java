package dev.rekord.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.Rekord;
import dev.rekord.it.cached.ProfileService;
import dev.rekord.it.cached.ProfileService.Filter;
import dev.rekord.it.cached.ProfileService.Profile;
import dev.rekord.it.cached.ProfileService.Tier;
import dev.rekord.it.cached.ProfileServiceCached;
import dev.rekord.it.model.Reading;
import dev.rekord.it.model.ReadingModel;
import dev.rekord.test.RedisExtension;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.RedisClient;

/** The decorator the real processor generates for {@code @Cached} methods, against a real redis-server. */
class CachedDecoratorTest {

  @RegisterExtension static RedisExtension redis = RedisExtension.create();

  /** Counts its calls; slow, so concurrent callers overlap. */
  static final class CountingService implements ProfileService {
    final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    private int call(String method) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return calls.computeIfAbsent(method, m -> new AtomicInteger()).incrementAndGet();
    }

    @Override
    public Profile profile(String id) {
      return new Profile(id, "name of " + id, call("profile"));
    }

    @Override
    public List<Profile> search(Filter filter, int page, Map<String, Long> weights, UUID tenant, LocalDate day) {
      return List.of(new Profile(filter.city() + page, "found", call("search")));
    }

    @Override
    public long count(Tier tier) {
      return 1000L * tier.ordinal() + call("count");
    }

    @Override
    public void rename(String id, String name) {
      call("rename");
    }

    int calls(String method) {
      return calls.getOrDefault(method, new AtomicInteger()).get();
    }
  }

  private Rekord rekord;
  private Rekord otherProcess;
  private RedisClient raw;

  @BeforeEach
  void connect() {
    redis.server().flushAll();
    rekord = Rekord.builder().url(redis.server().url()).namespace("app").build();
    otherProcess = Rekord.builder().url(redis.server().url()).namespace("app").build();
    raw = RedisClient.create(redis.server().host(), redis.server().port());
  }

  @AfterEach
  void disconnect() {
    raw.close();
    rekord.close();
    otherProcess.close();
  }

  @Test
  void cachesByArgumentsWithADocumentedKeyAndInvalidates() {
    CountingService service = new CountingService();
    ProfileServiceCached cached = new ProfileServiceCached(service, rekord);

    assertEquals(new Profile("ada", "name of ada", 1), cached.profile("ada"));
    assertEquals(new Profile("ada", "name of ada", 1), cached.profile("ada"));
    assertEquals(new Profile("bo", "name of bo", 2), cached.profile("bo"));
    assertEquals(2, service.calls("profile"));
    assertTrue(raw.exists("app:cache:profiles:e:profile:[\"ada\"]"), "the key is the method and its arguments as JSON");
    long ttl = raw.pttl("app:cache:profiles:e:profile:[\"ada\"]");
    assertTrue(ttl > 590_000 && ttl <= 600_000, "ttl " + ttl);

    Filter filter = new Filter("Oslo", List.of(Tier.PAID, Tier.FREE));
    UUID tenant = UUID.fromString("0189a1b2-0000-7000-8000-000000000001");
    LocalDate day = LocalDate.of(2024, 5, 1);
    List<Profile> found = cached.search(filter, 2, Map.of("b", 2L, "a", 1L), tenant, day);
    assertEquals(found, cached.search(new Filter("Oslo", List.of(Tier.PAID, Tier.FREE)), 2, Map.of("a", 1L, "b", 2L), tenant, day));
    assertEquals(1, service.calls("search"), "equal arguments make equal keys, whatever the map's order");
    assertTrue(raw.exists("app:cache:profiles:e:search:[{\"city\":\"Oslo\",\"tiers\":[\"PAID\",\"FREE\"]},2,"
        + "{\"a\":1,\"b\":2},\"0189a1b2-0000-7000-8000-000000000001\",\"2024-05-01\"]"));

    assertEquals(1001L, cached.count(Tier.PAID));
    assertEquals(1001L, cached.count(Tier.PAID));
    assertEquals(1, service.calls("count"));

    cached.rename("ada", "Ada");
    cached.rename("ada", "Ada");
    assertEquals(2, service.calls("rename"), "methods without @Cached delegate");

    assertTrue(cached.invalidateProfile("ada"));
    assertFalse(cached.invalidateProfile("ada"));
    assertEquals(3, cached.profile("ada").version());
    assertEquals(2, cached.profile("bo").version());

    new ProfileServiceCached(service, otherProcess).invalidateAll();
    assertEquals(4, cached.profile("bo").version(), "invalidateAll reaches every process");
    cached.count(Tier.PAID);
    assertEquals(2, service.calls("count"));
  }

  @Test
  void oneComputationForManyThreadsInTwoProcesses() throws Exception {
    CountingService service = new CountingService();
    List<ProfileService> decorators =
        List.of(new ProfileServiceCached(service, rekord), new ProfileServiceCached(service, otherProcess));
    ExecutorService pool = Executors.newFixedThreadPool(12);
    try {
      List<Future<Profile>> results = new ArrayList<>();
      for (int i = 0; i < 24; i++) {
        ProfileService decorator = decorators.get(i % 2);
        results.add(pool.submit(() -> decorator.profile("ada")));
      }
      for (Future<Profile> result : results) {
        assertEquals(new Profile("ada", "name of ada", 1), result.get(20, TimeUnit.SECONDS));
      }
      assertEquals(1, service.calls("profile"));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void valuesOfAJsonModelAreStoredByItsGeneratedCodec() {
    Reading reading = new Reading(7, "s1", 21.5, Instant.parse("2024-05-01T10:15:30.123456789Z"));
    rekord.values().set("latest", reading);
    assertEquals(new ReadingModel().codec().toJson(reading), raw.get("app:latest"));
    assertEquals(Optional.of(reading), rekord.values().get("latest", Reading.class));
  }
}
