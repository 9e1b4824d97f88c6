package dev.rekord.docs.modelling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.model.GeoPoint;
import dev.rekord.Rekord;
import dev.rekord.test.RedisExtension;
import dev.rekord.test.RedisServer;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.UnifiedJedis;

/** The snippets of modelling.md: the stored forms, read back from a real redis-server. */
@ExtendWith(RedisExtension.class)
class ModellingTest {

  private Rekord rekord;
  private UnifiedJedis redis;

  @BeforeEach
  void connect(RedisServer server) {
    rekord = Rekord.connect(server.url());
    redis = rekord.connection().unwrap(UnifiedJedis.class);
  }

  @AfterEach
  void close() {
    rekord.close();
  }

  private static Person ada() {
    Map<String, Integer> scores = new LinkedHashMap<>();
    scores.put("chess", 1850);
    scores.put("go", 3);
    // tag::person[]
    Person ada = new Person(
        "ada",
        "Ada Lovelace",
        LocalDate.of(1815, 12, 10),
        36,
        Plan.PRO,
        new Address("12 St James's Square", "London", GeoPoint.of(-0.1357, 51.5074)),
        Set.of("maths"),
        List.of("Enchantress of Numbers"),
        scores, // {chess=1850, go=3}
        Instant.parse("2024-05-01T10:15:30.123456789Z"),
        new BigDecimal("10.50"));
    // end::person[]
    return ada;
  }

  @Test
  void storesAHash() {
    PersonRepository people = new PersonRepository(rekord);
    Person ada = people.save(ada());
    Map<String, String> stored = redis.hgetAll(people.keyOf("ada"));
    // tag::hash[]
    assertEquals(Map.ofEntries(
        Map.entry("id", "ada"),
        Map.entry("name", "Ada Lovelace"),
        Map.entry("born", "1815-12-10"),
        Map.entry("age", "36"),
        Map.entry("plan", "PRO"),
        Map.entry("home", "{}"),
        Map.entry("home.street", "12 St James's Square"),
        Map.entry("home.city", "London"),
        Map.entry("home.location", "-0.1357,51.5074"),
        Map.entry("skills", "[\"maths\"]"),
        Map.entry("nicknames", "[\"Enchantress of Numbers\"]"),
        Map.entry("scores", "{\"chess\":1850,\"go\":3}"),
        Map.entry("createdAt", "2024-05-01T10:15:30.123456789Z"),
        Map.entry("bal", "10.50")),
        stored); // HGETALL {people}:ada
    // end::hash[]
    assertEquals(Optional.of(ada), people.findById("ada"));
  }

  @Test
  void omitsNulls() {
    PersonRepository people = new PersonRepository(rekord);
    // tag::nulls[]
    people.save(new Person("bob", "Bob", null, 40, null, null, null, null, null, null, null));
    // HGETALL {people}:bob -> id=bob, name=Bob, age=40: null components are not stored
    // end::nulls[]
    assertEquals(Map.of("id", "bob", "name", "Bob", "age", "40"), redis.hgetAll(people.keyOf("bob")));
    assertEquals(Optional.of(new Person("bob", "Bob", null, 40, null, null, null, null, null, null, null)),
        people.findById("bob"));
  }

  @Test
  void storesJson() {
    TripRepository trips = new TripRepository(rekord);
    UUID id = UUID.fromString("0190f3c8-3b4e-7a41-9c35-5d0f1f3c2a10");
    // tag::trip[]
    Trip trip = new Trip(
        id,
        "Fjords",
        OffsetDateTime.of(2024, 6, 1, 8, 30, 0, 0, ZoneOffset.ofHours(2)),
        Duration.ofDays(5),
        List.of(new Trip.Stop("Bergen", GeoPoint.of(5.3221, 60.3913))),
        1250.0);
    // end::trip[]
    trips.save(trip);
    String stored = redis.get(trips.keyOf(id));
    // tag::json[]
    assertEquals("""
        {"id":"0190f3c8-3b4e-7a41-9c35-5d0f1f3c2a10","title":"Fjords",\
        "departs":"2024-06-01T08:30+02:00","length":"PT120H",\
        "stops":[{"name":"Bergen","location":"5.3221,60.3913"}],"budget":1250.0}""",
        stored); // GET {trip}:0190f3c8-3b4e-7a41-9c35-5d0f1f3c2a10
    // end::json[]
    assertEquals(Optional.of(trip), trips.findById(id));
  }

  @Test
  void generatesIds() {
    TicketRepository tickets = new TicketRepository(rekord);
    // tag::ids[]
    Ticket first = tickets.save(new Ticket(null, "Printer on fire"));  // number 1
    Ticket second = tickets.save(new Ticket(null, "Printer still on fire")); // number 2
    // end::ids[]
    assertEquals(1L, first.number());
    assertEquals(2L, second.number());
    assertTrue(tickets.existsById(2L));
  }
}
