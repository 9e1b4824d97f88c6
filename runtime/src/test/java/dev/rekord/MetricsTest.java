package dev.rekord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.annotations.Storage;
import dev.rekord.connection.RetryPolicy;
import dev.rekord.exception.DeserializationException;
import dev.rekord.test.RedisExtension;
import dev.rekord.test.RedisServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.UnifiedJedis;

/** Meters and observations through Micrometer, against a real redis-server. */
class MetricsTest {

  @RegisterExtension static RedisExtension redis = RedisExtension.create();

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final TestObservationRegistry observations = TestObservationRegistry.create();

  private Rekord connect(String url) {
    return Rekord.builder().url(url).poolSize(5).meterRegistry(meters).observationRegistry(observations).build();
  }

  private static RekordRepository<Member, String> members(Rekord rekord) {
    return TestModel.repository(rekord, TestModel.stringIds("member", Storage.HASH, Duration.ZERO));
  }

  private Timer calls(String model, String operation, String outcome) {
    return meters.find("rekord.calls").tag("model", model).tag("operation", operation).tag("outcome", outcome).timer();
  }

  @Test
  void saveFindAndQueryAreTimedPerModelAndOperation() {
    try (Rekord rekord = connect(redis.server().url())) {
      RekordRepository<Member, String> members = members(rekord);
      members.save(new Member("ada", "Oslo", 36, List.of()));
      members.saveAll(List.of(new Member("bob", "Oslo", 40, List.of()), new Member("cy", "Rome", 20, List.of())));
      members.findById("ada");
      assertEquals(2, members.find(Member_.city.eq("Oslo")).list().size());

      assertEquals(2, calls("Member", "save", "success").count(), "save: one script call; saveAll: one pipeline");
      assertNotNull(calls("Member", "hgetall", "success"), "findById reads the hash");
      assertTrue(calls("Member", "query", "success").count() >= 1);
      assertTrue(calls("Member", "save", "success").totalTime(java.util.concurrent.TimeUnit.NANOSECONDS) > 0);
    }
  }

  @Test
  void tagsAreLowCardinalityNeverIdsKeysOrValues() {
    try (Rekord rekord = connect(redis.server().url())) {
      RekordRepository<Member, String> members = members(rekord);
      for (int i = 0; i < 50; i++) {
        members.save(new Member("id-" + i, "City" + i, i, List.of("tag" + i)));
        members.findById("id-" + i);
      }
      members.find(Member_.city.eq("City7")).list();
      // A user's own command on a key of no model is counted under model "none".
      rekord.connection().execute(dev.rekord.connection.Commands.get("user:secret:42"));

      Set<String> tagValues = new TreeSet<>();
      for (Meter meter : meters.getMeters()) {
        meter.getId().getTags().forEach(tag -> tagValues.add(tag.getValue()));
      }
      for (String value : tagValues) {
        assertFalse(value.matches(".*(id-|City|tag|secret|\\{).*"), "a tag holds a user value or key: " + value);
      }
      assertTrue(tagValues.contains("none"), tagValues.toString());
      assertTrue(meters.find("rekord.calls").timers().size() < 12, meters.getMetersAsString());
    }
  }

  @Test
  void errorsAreCountedByExceptionTypeAndTimedAsErrors() {
    try (Rekord rekord = connect(redis.server().url())) {
      RekordRepository<Member, String> members = members(rekord);
      rekord.connection().unwrap(UnifiedJedis.class).set(members.keyOf("broken"), "not a hash");

      assertThrows(DeserializationException.class, () -> members.findById("broken"));

      Counter errors = meters.find("rekord.errors").tag("model", "Member").tag("operation", "hgetall")
          .tag("exception", "WrongTypeException").counter();
      assertNotNull(errors, meters.getMetersAsString());
      assertEquals(1, errors.count());
      assertEquals(1, calls("Member", "hgetall", "error").count());
    }
  }

  @Test
  void retriesAreCounted() throws Exception {
    try (RedisServer server = RedisServer.start();
        Rekord rekord = Rekord.builder().url(server.url()).socketTimeout(Duration.ofMillis(300))
            .retryPolicy(new RetryPolicy(20, Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(10)))
            .meterRegistry(meters).build()) {
      RekordRepository<Member, String> members = members(rekord);
      members.save(new Member("ada", "Oslo", 36, List.of()));
      server.suspend();
      Thread resume = new Thread(() -> {
        try {
          Thread.sleep(800);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        server.resume();
      });
      resume.start();
      try {
        assertEquals("Oslo", members.findById("ada").orElseThrow().city());
      } finally {
        resume.join();
      }
      double retries = meters.find("rekord.retries").counters().stream().mapToDouble(Counter::count).sum();
      assertTrue(retries >= 1, meters.getMetersAsString());
    }
  }

  @Test
  void poolGaugesShowTheConfiguredPool() {
    try (Rekord rekord = connect(redis.server().url())) {
      members(rekord).save(new Member("ada", "Oslo", 36, List.of()));
      assertEquals(5.0, meters.get("rekord.pool.max").gauge().value());
      assertEquals(0.0, meters.get("rekord.pool.active").gauge().value(), "nothing lent out between calls");
      assertTrue(meters.get("rekord.pool.idle").gauge().value() >= 1);
      assertEquals(0.0, meters.get("rekord.pool.waiting").gauge().value());
    }
    assertNull(meters.find("rekord.pool.max").gauge(), "close() removes the gauges");
  }

  @Test
  void eachRoundTripIsAnObservationWithModelAndOperation() {
    try (Rekord rekord = connect(redis.server().url())) {
      RekordRepository<Member, String> members = members(rekord);
      members.save(new Member("ada", "Oslo", 36, List.of()));
      members.findById("ada");

      TestObservationRegistryAssert.assertThat(observations).hasObservationWithNameEqualTo("rekord.redis")
          .that().hasBeenStarted().hasBeenStopped();
      TestObservationRegistryAssert.assertThat(observations).hasHandledContextsThatSatisfy(contexts -> {
            Set<String> operations = new TreeSet<>();
            for (var context : contexts) {
              assertEquals("rekord.redis", context.getName());
              assertFalse(context.getHighCardinalityKeyValues().iterator().hasNext(), "no high-cardinality values");
              if ("Member".equals(context.getLowCardinalityKeyValue("rekord.model").getValue())) {
                operations.add(context.getLowCardinalityKeyValue("rekord.operation").getValue());
              }
            }
            assertTrue(operations.containsAll(Set.of("save", "hgetall")), operations.toString());
          });
    }
  }

  @Test
  void asyncOperationsJoinTheCallersObservation() throws Exception {
    try (Rekord rekord = connect(redis.server().url())) {
      RekordRepository<Member, String> members = members(rekord);
      io.micrometer.observation.Observation request =
          io.micrometer.observation.Observation.start("request", observations);
      try (io.micrometer.observation.Observation.Scope scope = request.openScope()) {
        members.async().save(new Member("ada", "Oslo", 36, List.of())).get(10, java.util.concurrent.TimeUnit.SECONDS);
      } finally {
        request.stop();
      }
      TestObservationRegistryAssert.assertThat(observations).hasHandledContextsThatSatisfy(contexts ->
          assertTrue(contexts.stream().anyMatch(context -> "rekord.redis".equals(context.getName())
              && "save".equals(context.getLowCardinalityKeyValue("rekord.operation").getValue())
              && context.getParentObservation() != null
              && "request".equals(context.getParentObservation().getContextView().getName())),
              "the save on the async thread is a child of the caller's observation"));
    }
  }

  @Test
  void aFailedRoundTripIsAnObservationWithItsError() {
    try (Rekord rekord = connect(redis.server().url())) {
      RekordRepository<Member, String> members = members(rekord);
      rekord.connection().unwrap(UnifiedJedis.class).set(members.keyOf("broken"), "not a hash");
      assertThrows(DeserializationException.class, () -> members.findById("broken"));

      TestObservationRegistryAssert.assertThat(observations)
          .hasHandledContextsThatSatisfy(contexts -> assertTrue(contexts.stream().anyMatch(context ->
              context.getError() instanceof dev.rekord.exception.WrongTypeException)));
    }
  }

  private Timer operations(String operation, String shape, String outcome) {
    return meters.find("rekord.operations").tag("model", "Member").tag("operation", operation).tag("shape", shape)
        .tag("outcome", outcome).timer();
  }

  private long operationCount(String operation, String shape) {
    Timer timer = operations(operation, shape, "success");
    assertNotNull(timer, operation + " " + shape + " not timed: " + meters.getMetersAsString());
    return timer.count();
  }

  @Test
  void eachRepositoryOperationIsOneSampleWhateverItsRoundTrips() {
    try (Rekord rekord = connect(redis.server().url())) {
      RekordRepository<Member, String> members = members(rekord);
      members.save(new Member("ada", "Oslo", 36, List.of()));
      List<Member> many = new java.util.ArrayList<>();
      for (int i = 0; i < 1200; i++) {
        many.add(new Member("m" + i, "Rome", i % 90, List.of()));
      }
      members.saveAll(many); // three pipelines of 500: three round trips, one operation
      members.findById("ada");
      members.findAllById(List.of("ada", "m1", "nobody"));
      members.existsById("ada");
      members.deleteById("m0");
      members.update("ada", dev.rekord.update.Update.increment(Member_.age, 1)); // a read and a write
      members.expire("ada", java.time.Duration.ofMinutes(5));

      assertEquals(1, operationCount("save", "none"));
      assertEquals(1, operationCount("update", "none"));
      assertEquals(1, operationCount("expire", "none"));
      assertEquals(1, operationCount("saveAll", "none"));
      assertEquals(5, calls("Member", "save", "success").count(),
          "one save round trip, three pipelines and the update's write");
      assertEquals(1, operationCount("findById", "none"));
      assertEquals(1, operationCount("findAllById", "none"));
      assertEquals(1, operationCount("existsById", "none"));
      assertEquals(1, operationCount("deleteById", "none"));
      assertTrue(operations("save", "none", "success").totalTime(java.util.concurrent.TimeUnit.NANOSECONDS) > 0);
    }
  }

  @Test
  void queriesAreTimedByOperationAndShapeNeverByValue() {
    try (Rekord rekord = connect(redis.server().url())) {
      RekordRepository<Member, String> members = members(rekord);
      for (int i = 0; i < 30; i++) {
        members.save(new Member("m" + i, i % 2 == 0 ? "Oslo" : "Rome", 20 + i, List.of()));
      }
      members.find(Member_.city.eq("Oslo").and(Member_.age.between(20, 40))).sortBy(Member_.age.asc()).list();
      members.find(Member_.age.between(25, 26).and(Member_.city.eq("Rome"))).sortBy(Member_.age.asc()).list();
      members.find(Member_.city.eq("Oslo")).count();
      members.find(Member_.city.eq("Rome")).first();
      members.count();
      try (Query.Cursor<Member> cursor = members.find(Member_.age.gte(20)).pageSize(10).iterator()) {
        int pages = 0;
        while (!cursor.nextPage().isEmpty()) {
          pages++;
        }
        assertEquals(3, pages);
      }

      assertEquals(2, operationCount("list", "age:range+city:eq sort:age"), "two queries of one shape, other values");
      assertEquals(1, operationCount("count", "city:eq"));
      assertEquals(1, operationCount("first", "city:eq"));
      assertEquals(1, operationCount("count", "all"), "repository count() is a query over all documents");
      assertEquals(4, operationCount("page", "age:gte"), "three pages and the end of the cursor");
      assertNull(meters.find("rekord.operations").tag("operation", "list").tag("shape", "city:eq").timer(),
          "first() is not also a list()");
      for (Meter meter : meters.find("rekord.operations").meters()) {
        String shape = meter.getId().getTag("shape");
        assertFalse(shape.matches(".*(Oslo|Rome|\\d).*"), "a shape holds a value: " + shape);
      }
    }
  }

  @Test
  void aFailedOperationIsTimedAsAnErrorWithItsException() {
    try (Rekord rekord = connect(redis.server().url())) {
      RekordRepository<Member, String> members = members(rekord);
      rekord.connection().unwrap(UnifiedJedis.class).set(members.keyOf("broken"), "not a hash");
      assertThrows(DeserializationException.class, () -> members.findById("broken"));
      assertThrows(dev.rekord.exception.DocumentNotFoundException.class,
          () -> members.update(new Member("nobody", "Oslo", 1, List.of())));

      Timer failed = meters.find("rekord.operations").tag("operation", "findById").tag("outcome", "error")
          .tag("exception", "DeserializationException").timer();
      assertNotNull(failed, meters.getMetersAsString());
      assertEquals(1, failed.count());
      assertEquals(1, meters.find("rekord.operations").tag("operation", "update")
          .tag("exception", "DocumentNotFoundException").timer().count());
      assertNull(operations("findById", "none", "success"));
    }
  }

  @Test
  void aRetriedOperationIsOneSuccessfulSampleWithItsRetriesCounted() throws Exception {
    try (RedisServer server = RedisServer.start();
        Rekord rekord = Rekord.builder().url(server.url()).socketTimeout(Duration.ofMillis(300))
            .retryPolicy(new RetryPolicy(20, Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(10)))
            .meterRegistry(meters).observationRegistry(observations).build()) {
      RekordRepository<Member, String> members = members(rekord);
      members.save(new Member("ada", "Oslo", 36, List.of()));
      server.suspend();
      Thread resume = new Thread(() -> {
        try {
          Thread.sleep(800);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        server.resume();
      });
      resume.start();
      try {
        assertEquals("Oslo", members.findById("ada").orElseThrow().city());
      } finally {
        resume.join();
      }
      assertEquals(1, operationCount("findById", "none"), "retries stay inside one operation");
      assertTrue(operations("findById", "none", "success").totalTime(java.util.concurrent.TimeUnit.MILLISECONDS) >= 300,
          "the operation's time includes the attempts it waited for");
      assertTrue(meters.find("rekord.retries").counters().stream().mapToDouble(Counter::count).sum() >= 1);
      TestObservationRegistryAssert.assertThat(observations).hasHandledContextsThatSatisfy(contexts ->
          assertTrue(contexts.stream().anyMatch(context -> "hgetall".equals(
              context.getLowCardinalityKeyValue("rekord.operation").getValue())), "the read's round trip is a span"));
    }
  }

  @Test
  void aRekordOnAConnectionOfYourOwnIsInstrumentedByItsBuilder() {
    try (Rekord plain = Rekord.connect(redis.server().url());
        Rekord rekord = Rekord.builder().meterRegistry(meters).observationRegistry(observations)
            .build(plain.connection())) {
      RekordRepository<Member, String> members = members(rekord);
      members.save(new Member("ada", "Oslo", 36, List.of()));
      members.find(Member_.city.eq("Oslo")).list();

      assertEquals(1, operationCount("save", "none"));
      assertEquals(1, operationCount("list", "city:eq"));
      assertEquals(1, calls("Member", "save", "success").count());
      TestObservationRegistryAssert.assertThat(observations).hasObservationWithNameEqualTo("rekord.redis")
          .that().hasLowCardinalityKeyValue("rekord.model", "Member");
    }
  }

  @Test
  void querySpansCarryModelAndOperationPerRoundTrip() {
    try (Rekord rekord = connect(redis.server().url())) {
      RekordRepository<Member, String> members = members(rekord);
      members.save(new Member("ada", "Oslo", 36, List.of()));
      members.find(Member_.city.eq("Oslo")).list();
      TestObservationRegistryAssert.assertThat(observations).hasHandledContextsThatSatisfy(contexts -> {
        long queries = contexts.stream().filter(context -> "query".equals(
            context.getLowCardinalityKeyValue("rekord.operation").getValue())
            && "Member".equals(context.getLowCardinalityKeyValue("rekord.model").getValue())).count();
        assertEquals(1, queries, "a page of one bucket is one round trip: one span");
      });
    }
  }
}
