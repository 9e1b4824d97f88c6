package dev.rekord.docs.toolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.Rekord;
import dev.rekord.cache.Cache;
import dev.rekord.cache.CacheOptions;
import dev.rekord.config.ConfigChanges;
import dev.rekord.config.ConfigStore;
import dev.rekord.config.ConfigWatch;
import dev.rekord.config.Versioned;
import dev.rekord.connection.RetryPolicy;
import dev.rekord.docs.toolkit.ProfileService.Profile;
import dev.rekord.ratelimit.RateDecision;
import dev.rekord.ratelimit.RateLimiter;
import dev.rekord.test.RedisExtension;
import dev.rekord.test.RedisServer;
import dev.rekord.values.ByteValues;
import dev.rekord.values.SetOptions;
import dev.rekord.values.TemporaryKey;
import dev.rekord.values.ValueRead;
import dev.rekord.values.ValueType;
import dev.rekord.values.Values;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.UnifiedJedis;

/** The snippets of toolkit.md, run against a real redis-server. */
@ExtendWith(RedisExtension.class)
class ToolkitTest {

  record Settings(String theme, int pageSize) {}

  private Rekord rekord;
  private UnifiedJedis redis;

  @BeforeEach
  void connect(RedisServer server) {
    server.flushAll();
    // tag::connect[]
    rekord = Rekord.builder().url(server.url()).namespace("shop").build();
    // end::connect[]
    redis = rekord.connection().unwrap(UnifiedJedis.class);
  }

  @AfterEach
  void close() {
    rekord.close();
  }

  @Test
  void values() {
    Profile ada = new Profile("ada", "Ada");
    // tag::values[]
    Values values = rekord.values();
    values.set("profile:ada", ada, Duration.ofMinutes(5));                 // SET shop:profile:ada {…} EX 300
    Optional<Profile> found = values.get("profile:ada", Profile.class);    // empty when missing
    boolean added = values.set("lock:report", "me", SetOptions.ttl(Duration.ofSeconds(30)).onlyIfAbsent());
    values.set("greeting", "hello");                                       // strings are stored as they are
    Optional<List<Profile>> none = values.get("lists:none", new ValueType<List<Profile>>() {});
    values.expire("greeting", Duration.ofHours(1));
    Optional<Duration> left = values.ttl("greeting");
    // end::values[]
    assertEquals(Optional.of(ada), found);
    assertTrue(added);
    assertEquals(Optional.empty(), none);
    assertTrue(left.orElseThrow().toMinutes() >= 59);
    assertEquals("hello", redis.get("shop:greeting"));
  }

  @Test
  void batches() {
    Values values = rekord.values();
    values.set("profile:ada", new Profile("ada", "Ada"));
    redis.set("shop:profile:bad", "{not json");
    redis.rpush("shop:profile:list", "x");
    // tag::mget[]
    List<ValueRead<Profile>> reads =
        values.mget(Profile.class, List.of("profile:ada", "profile:bo", "profile:bad", "profile:list"));
    for (ValueRead<Profile> read : reads) {          // in the order asked
      if (read.found()) {
        System.out.println(read.key() + " = " + read.value());
      } else if (read.failed()) {                     // bad JSON, wrong shape, WRONGTYPE: this key only
        System.out.println(read.key() + ": " + read.failure().getMessage());
      }                                               // else read.missing()
    }
    values.mset(Map.of("a", 1, "b", 2), Duration.ofMinutes(10)); // atomic per hash slot
    // end::mget[]
    assertTrue(reads.get(0).found());
    assertTrue(reads.get(1).missing());
    assertTrue(reads.get(2).failed());
    assertTrue(reads.get(3).failed());
  }

  @Test
  void scanAndTemporaryKeys() {
    Values values = rekord.values();
    values.set("session:1", "x");
    values.set("session:2", "y");
    // tag::scan[]
    List<String> sessions = new ArrayList<>();
    values.scan("session:*", sessions::add);   // "session:1", "session:2": without the namespace
    // end::scan[]
    sessions.sort(null);
    assertEquals(List.of("session:1", "session:2"), sessions);
    try {
      // tag::temporary[]
      try (TemporaryKey upload = values.temporary("upload:42", List.of("part-1", "part-2"), Duration.ofMinutes(10))) {
        process(upload.key());
      } // deleted here, also when process(…) throws
      // end::temporary[]
    } catch (IllegalStateException expected) {
      assertFalse(values.exists("upload:42"));
    }
  }

  @Test
  void cacheAside() {
    AtomicInteger loads = new AtomicInteger();
    // tag::cache[]
    Cache profiles = rekord.cache("profiles");
    Profile ada = profiles.getOrCompute("ada", Profile.class, Duration.ofMinutes(10),
        () -> loadProfile("ada"));      // one caller computes, across threads and processes
    profiles.invalidate("ada");         // one entry
    profiles.invalidateAll();           // every entry of "profiles", in every process, without KEYS
    // end::cache[]
    loads.set((int) profiles.stats().loads());
    assertEquals(new Profile("ada", "Ada"), ada);
    assertEquals(1, loads.get());
  }

  @Test
  void rawBytes() {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff};
    // tag::bytes[]
    ByteValues bytes = rekord.values().bytes();
    bytes.set("thumb:42", png, Duration.ofHours(1));       // SET shop:thumb:42 <the bytes> PX 3600000
    Optional<byte[]> thumb = bytes.get("thumb:42");        // byte for byte, empty when missing
    List<ValueRead<byte[]>> many = bytes.mget(List.of("thumb:42", "thumb:43"));
    // end::bytes[]
    assertTrue(java.util.Arrays.equals(png, thumb.orElseThrow()));
    assertTrue(many.get(1).missing());
  }

  @Test
  void nearCache() {
    // tag::near[]
    Cache hot = rekord.cache("hot-profiles", CacheOptions.DEFAULT.withNearCache(10_000));
    Profile ada = hot.getOrCompute("ada", Profile.class, Duration.ofMinutes(10), () -> loadProfile("ada"));
    hot.stats().nearHits();   // reads served in this process, without a round trip
    // end::near[]
    assertEquals(new Profile("ada", "Ada"), ada);
  }

  @Test
  void cachedDecorator() {
    AtomicInteger calls = new AtomicInteger();
    ProfileService database = new ProfileService() {
      @Override
      public Profile profile(String id) {
        calls.incrementAndGet();
        return new Profile(id, "Ada");
      }

      @Override
      public List<Profile> search(String city, int page) {
        return List.of();
      }

      @Override
      public void rename(String id, String name) {}
    };
    // tag::cached[]
    ProfileServiceCached profiles = new ProfileServiceCached(database, rekord);
    profiles.profile("ada");            // calls database.profile("ada"), caches it for 10 minutes
    profiles.profile("ada");            // from Redis: shop:cache:profiles:e:profile:["ada"]
    profiles.invalidateProfile("ada");  // one result
    profiles.invalidateAll();           // every result of the caches it uses
    // end::cached[]
    assertEquals(1, calls.get());
    profiles.profile("ada");
    assertEquals(2, calls.get());
  }

  @Test
  void rateLimits() {
    // tag::ratelimit[]
    RateLimiter api = rekord.rateLimiters().slidingWindow("api", 100, Duration.ofMinutes(1));
    RateDecision decision = api.tryAcquire("user:42");
    if (!decision.allowed()) {
      throw new IllegalStateException("429: retry in " + decision.retryAfter().toSeconds() + " s");
    }
    long left = decision.remaining(); // 99
    // end::ratelimit[]
    assertEquals(99, left);
  }

  @Test
  void config() throws InterruptedException {
    List<Versioned<Settings>> changes = new CopyOnWriteArrayList<>();
    // tag::config[]
    long version = rekord.config().set("settings", new Settings("dark", 20));   // 1, then 2, …
    ConfigWatch<Settings> settings = rekord.config().watch("settings", Settings.class, changes::add);
    settings.current();   // the latest value seen, without a round trip: Versioned[Settings[dark, 20], 1]
    // end::config[]
    assertEquals(1, version);
    assertEquals(Optional.of(new Versioned<>(new Settings("dark", 20), 1)), settings.current());
    rekord.config().set("settings", new Settings("light", 20));
    for (int i = 0; i < 300 && changes.isEmpty(); i++) {
      Thread.sleep(10);
    }
    assertEquals(2, changes.get(0).version());
  }

  @Test
  void configFollowingKeyspaceEvents() throws InterruptedException {
    List<Versioned<Settings>> changes = new CopyOnWriteArrayList<>();
    // tag::keyspace[]
    try (ConfigStore config = new ConfigStore(rekord.values(),
        ConfigChanges.keyspaceEvents().enablingThem(), 10)) {   // or .orPolling(Duration.ofSeconds(1))
      config.watch("settings", Settings.class, changes::add);
      config.set("settings", new Settings("dark", 50));            // pushed to every watching instance at once
      // end::keyspace[]
      for (int i = 0; i < 500 && changes.isEmpty(); i++) {
        Thread.sleep(10);
      }
    }
    assertEquals(new Versioned<>(new Settings("dark", 50), 1), changes.get(0));
  }

  @Test
  void asyncViews() throws Exception {
    // tag::async[]
    CompletableFuture<Optional<Settings>> read = rekord.values().async().get("settings", Settings.class);
    CompletableFuture<Profile> ada = rekord.cache("profiles").async()
        .getOrCompute("ada", Profile.class, Duration.ofMinutes(10), () -> loadProfile("ada"));
    // end::async[]
    assertEquals(Optional.empty(), read.get(10, TimeUnit.SECONDS));
    assertEquals(new Profile("ada", "Ada"), ada.get(10, TimeUnit.SECONDS));
  }

  @Test
  void retriesAnOperationOfYourOwn() {
    redis.set("motd", "hello");
    // tag::retrying[]
    RetryPolicy patient = RetryPolicy.exponential(Duration.ofMillis(100), Duration.ofSeconds(2))
        .withJitter(RetryPolicy.Jitter.FULL)      // spread the retries of many instances
        .withMaxAttempts(8)
        .withDeadline(Duration.ofSeconds(10));    // no attempt starts later than this after the first
    String motd = Rekord.retrying(patient, () -> redis.get("motd"));   // idempotent: retried on connection failures
    // end::retrying[]
    assertEquals("hello", motd);
    assertEquals(Duration.ofMillis(800), patient.backoff(4));
  }

  private static Profile loadProfile(String id) {
    return new Profile(id, "Ada");
  }

  private static void process(String key) {
    throw new IllegalStateException("could not process " + key);
  }
}
