package dev.rekord.docs.gettingstarted;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.exception.DeserializationException;
import dev.rekord.Rekord;
import dev.rekord.BatchRead;
import dev.rekord.connection.Batch;
import dev.rekord.connection.Command;
import dev.rekord.connection.Commands;
import dev.rekord.connection.RedisConnection;
import dev.rekord.connection.ReplyType;
import dev.rekord.connection.Reply;
import dev.rekord.exception.WrongTypeException;
import dev.rekord.test.RedisExtension;
import dev.rekord.test.RedisServer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.UnifiedJedis;

/** The snippets of getting-started.md, run against a real redis-server. */
@ExtendWith(RedisExtension.class)
class GettingStartedTest {

  private Rekord rekord;
  private MemberRepository members;
  private UnifiedJedis redis;

  @BeforeEach
  void connect(RedisServer server) {
    rekord = Rekord.connect(server.url());
    members = new MemberRepository(rekord);
    redis = rekord.connection().unwrap(UnifiedJedis.class);
  }

  @AfterEach
  void close() {
    rekord.close();
  }

  @Test
  void connects(RedisServer server) {
    String redisUrl = server.url();
    // tag::connect[]
    try (Rekord rekord = Rekord.connect(redisUrl)) {
      MemberRepository members = new MemberRepository(rekord);
      Member ada = members.save(new Member(null, "Ada", "Oslo", LocalDate.of(2024, 5, 1)));
      System.out.println(members.findById(ada.id()).orElseThrow());
    }
    // end::connect[]
    assertEquals(1, members.count());
  }

  @Test
  void crud() {
    // tag::crud[]
    Member ada = members.save(new Member(null, "Ada", "Oslo", LocalDate.of(2024, 5, 1)));
    String id = ada.id(); // generated: a time-ordered ULID such as 01HXF2Q3J8ZK6T9V4W5Y7C1B0D

    Optional<Member> found = members.findById(id);
    boolean exists = members.existsById(id);
    long count = members.count();

    members.save(new Member(id, "Ada", "Bergen", ada.joinDate())); // replaces the document
    boolean deleted = members.deleteById(id);
    // end::crud[]
    assertEquals(26, id.length());
    assertEquals(Optional.of(ada), found);
    assertTrue(exists);
    assertEquals(1, count);
    assertTrue(deleted);
    assertFalse(members.existsById(id));
  }

  @Test
  void keys() {
    Member ada = members.save(new Member("ada", "Ada", "Oslo", LocalDate.of(2024, 5, 1)));
    // tag::keys[]
    String key = members.keyOf("ada"); // "{member}:ada"
    // end::keys[]
    assertEquals("{member}:ada", key);
    assertEquals(ada.name(), redis.hget(key, "name"));
  }

  @Test
  void timeToLive() {
    Member ada = new Member("ada", "Ada", "Oslo", LocalDate.of(2024, 5, 1));
    // tag::ttl[]
    members.save(ada, Duration.ofMinutes(10)); // this document expires in 10 minutes
    members.save(ada);                         // saved again: the model's default, here no expiry

    SessionRepository sessions = new SessionRepository(rekord);
    Session session = sessions.save(new Session(null, ada.id(), Instant.now())); // expires in 30 minutes
    // end::ttl[]
    assertEquals(-1, redis.ttl(members.keyOf("ada")));
    long ttl = redis.ttl(sessions.keyOf(session.id()));
    assertTrue(ttl > 1790 && ttl <= 1800, "TTL " + ttl);
    assertEquals(7, session.id().version());
  }

  @Test
  void timeToLiveOfOneSave() {
    members.save(new Member("ada", "Ada", "Oslo", LocalDate.of(2024, 5, 1)), Duration.ofMinutes(10));
    long ttl = redis.ttl(members.keyOf("ada"));
    assertTrue(ttl > 590 && ttl <= 600, "TTL " + ttl);
  }

  @Test
  void batchRead() {
    Member ada = members.save(new Member(null, "Ada", "Oslo", LocalDate.of(2024, 5, 1)));
    Member bob = members.save(new Member(null, "Bob", "Lima", LocalDate.of(2023, 1, 9)));
    // tag::batch[]
    BatchRead<String, Member> read = members.findAllById(List.of(ada.id(), "nobody", bob.id()));

    Map<String, Member> found = read.found(); // ada and bob, in the order asked for
    List<String> missing = read.missing();    // ["nobody"]
    List<Member> values = read.values();      // [ada, bob]
    // end::batch[]
    assertEquals(List.of(ada.id(), bob.id()), List.copyOf(found.keySet()));
    assertEquals(List.of("nobody"), missing);
    assertEquals(List.of(ada, bob), values);
    assertFalse(read.hasFailures());
  }

  @Test
  void batchReadWithFailures() {
    Member ada = members.save(new Member(null, "Ada", "Oslo", LocalDate.of(2024, 5, 1)));
    Member bob = members.save(new Member(null, "Bob", "Lima", LocalDate.of(2023, 1, 9)));
    redis.hset(members.keyOf(bob.id()), "joinDate", "last Tuesday"); // not a LocalDate
    // tag::failures[]
    BatchRead<String, Member> read = members.findAllById(List.of(ada.id(), bob.id()));

    List<Member> readable = read.values(); // [ada]: one bad document does not fail the batch
    read.failures().forEach((id, failure) -> System.err.println(failure.getMessage()));
    // end::failures[]
    assertEquals(List.of(ada), readable);
    DeserializationException failure = read.failures().get(bob.id());
    assertEquals(members.keyOf(bob.id()), failure.key());
    assertEquals("Member", failure.model());
    assertEquals("joinDate", failure.field());
    assertThrows(DeserializationException.class, read::valuesOrThrow);
  }

  @Test
  void rawCommands() {
    Member ada = members.save(new Member(null, "Ada", "Oslo", LocalDate.of(2024, 5, 1)));
    // tag::rawCommands[]
    RedisConnection redis = rekord.connection();

    // A command Rekord builds, with Rekord's routing, retries and exceptions
    Map<String, String> stored = redis.execute(Commands.hgetAll(members.keyOf(ada.id())));

    // Any other command: keys first (a cluster routes by them), then the other arguments;
    // execute for idempotent commands, executeOnce for the rest (sent at most once)
    long visits = redis.executeOnce(new Command<>("INCR", List.of("visits"), List.of(), ReplyType.LONG));
    Object pong = redis.execute(Command.of("PING", List.of(), List.of())); // "PONG"

    // Several commands in one round trip (one per node on a cluster)
    Batch batch = redis.batch();
    Reply<String> type = batch.add(Commands.type(members.keyOf(ada.id())));
    Reply<String> counter = batch.add(Commands.get("visits"));
    batch.execute();

    // Jedis itself, for everything else: its own API, exceptions and retries
    UnifiedJedis jedis = redis.unwrap(UnifiedJedis.class);
    jedis.expire("visits", 3600);
    // end::rawCommands[]
    assertEquals("Oslo", stored.get("city"));
    assertEquals(1, visits);
    assertEquals("PONG", pong);
    assertEquals("hash", type.get());
    assertEquals("1", counter.get());
    assertTrue(redis.unwrap(UnifiedJedis.class).ttl("visits") > 3500);
    WrongTypeException wrongType = assertThrows(WrongTypeException.class,
        () -> redis.execute(Commands.get(members.keyOf(ada.id()))));
    assertTrue(wrongType.getMessage().contains("WRONGTYPE"), wrongType.getMessage());
  }
}
