package dev.rekord.docs.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.DocumentLock;
import dev.rekord.Rekord;
import dev.rekord.changes.ChangeEvent;
import dev.rekord.changes.ChangeNotice;
import dev.rekord.changes.ChangeOptions;
import dev.rekord.changes.ChangeSubscription;
import dev.rekord.exception.RekordException;
import dev.rekord.update.Update;
import dev.rekord.connection.RetryPolicy;
import dev.rekord.docs.gettingstarted.Member;
import dev.rekord.docs.gettingstarted.MemberModel;
import dev.rekord.docs.gettingstarted.MemberRepository;
import dev.rekord.docs.gettingstarted.Member_;
import dev.rekord.docs.search.Product;
import dev.rekord.docs.search.ProductRepository;
import dev.rekord.docs.search.Product_;
import dev.rekord.model.Engine;
import dev.rekord.model.RekordModel;
import dev.rekord.test.RedisCluster;
import dev.rekord.test.RedisModules;
import dev.rekord.test.RedisServer;
import dev.rekord.test.TestCertificates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CopyOnWriteArrayList;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * security.md: its ACL lines, read from the page itself, are enough for migrations and for the
 * object mapper on a standalone server and on a cluster (Redis refuses nothing: {@code ACL LOG}
 * stays empty); its TLS and retry snippets run against real servers.
 */
class SecurityTest {

  private static final Path PAGE = Path.of("security.md");

  @Test
  void theDocumentedAclsAreEnoughOnAStandaloneServer() {
    try (RedisServer server = RedisServer.start()) {
      applyAcls(List.of(server), false, false);
      exercise(server);
      assertEquals(List.of(), server.command("ACL", "LOG"), "Redis refused the documented users nothing");
    }
  }

  @Test
  void theDocumentedAclsAreEnoughOnACluster() {
    try (RedisCluster cluster = RedisCluster.builder().start()) {
      applyAcls(cluster.nodes(), true, false);
      exercise(cluster.nodes().get(0));
      for (RedisServer node : cluster.nodes()) {
        assertEquals(List.of(), node.command("ACL", "LOG"), "Redis refused the documented users nothing on " + node);
      }
    }
  }

  /**
   * The search engine's lines on top of the object mapper's: its {@code FT.*} commands name the
   * index or alias as their key, so without the page's index patterns every query is refused.
   */
  @Test
  void theDocumentedSearchAclsAreEnoughOnAStandaloneServer() {
    Path module = RedisModules.search().orElse(null);
    Assumptions.assumeTrue(module != null, RedisModules.searchMissingMessage());
    try (RedisServer server = RedisServer.builder().module(module).start()) {
      applyAcls(List.of(server), false, true);
      exerciseObjectMapper(server, SecurityTest::onTheSearchEngine);
      exerciseNearest(server);
      assertEquals(List.of(), server.command("ACL", "LOG"), "Redis refused the documented users nothing");
    }
  }

  @Test
  void theDocumentedSearchAclsAreEnoughOnACluster() {
    Path module = RedisModules.search().orElse(null);
    Assumptions.assumeTrue(module != null, RedisModules.searchMissingMessage());
    try (RedisCluster cluster = RedisCluster.builder().module(module).start()) {
      applyAcls(cluster.nodes(), true, true);
      exerciseObjectMapper(cluster.nodes().get(0), SecurityTest::onTheSearchEngine);
      exerciseNearest(cluster.nodes().get(0));
      for (RedisServer node : cluster.nodes()) {
        assertEquals(List.of(), node.command("ACL", "LOG"), "Redis refused the documented users nothing on " + node);
      }
    }
  }

  /** The application user's nearest neighbours ({@code search-found}: the query and the documents' {@code HMGET}). */
  private static void exerciseNearest(RedisServer node) {
    try (Rekord rekord = onTheSearchEngine("redis://rekord-app:app-secret@" + node.host() + ":" + node.port())) {
      ProductRepository products = new ProductRepository(rekord);
      products.save(new Product("boot", "shoes", 120, new float[] {0.9f, 0.1f, 0f, 0f}));
      products.save(new Product("beanie", "hats", 20, new float[] {1f, 0f, 0f, 0f}));
      assertEquals(List.of("boot"), products.find(Product_.category.eq("shoes"))
          .nearest(Product_.embedding.nearest(new float[] {1f, 0f, 0f, 0f}, 5)).list().stream()
          .map(neighbor -> neighbor.entity().id()).toList());
    }
  }

  /** Members and products on the search engine, the guide's other models on the portable one. */
  private static Rekord onTheSearchEngine(String url) {
    Rekord rekord = Rekord.builder().url(url).engine(Engine.PORTABLE).engine(Member.class, Engine.SEARCH)
        .engine(Product.class, Engine.SEARCH).build();
    assertEquals(Engine.SEARCH, rekord.engineOf(MemberModel.INSTANCE));
    return rekord;
  }

  /**
   * Without one command of the lines for change streams ({@code -xadd}), a save of a model with a
   * change stream fails with Redis' refusal: the lines are needed, not only enough.
   */
  @Test
  void aUserWithoutAListedCommandIsRefused() {
    try (RedisServer server = RedisServer.start()) {
      applyAcls(List.of(server), false, false);
      server.command("ACL", "SETUSER", "rekord-app", "-xadd");
      String host = server.host() + ":" + server.port();
      try (Rekord migrations = Rekord.connect("redis://rekord-migrate:migrate-secret@" + host)) {
        migrations.migrate();
      }
      try (Rekord rekord = withChanges("redis://rekord-app:app-secret@" + host)) {
        MemberRepository members = new MemberRepository(rekord);
        RekordException refused = assertThrows(RekordException.class,
            () -> members.save(new Member("x", "X", "Oslo", LocalDate.of(2024, 1, 1))));
        assertTrue(refused.getMessage().contains("can't run this command"), refused.getMessage());
        // Redis does not undo what a script wrote before the refused command: the document is
        // stored without its event (security.md says so), and the save reports the refusal
        assertTrue(members.existsById("x"));
      }
      assertTrue(server.command("ACL", "LOG").toString().contains("xadd"), "Redis logged the refused XADD");
    }
  }

  private static Rekord withChanges(String url) {
    return Rekord.builder().url(url).changes(Member.class, ChangeOptions.stream().withNotices()).build();
  }

  @Test
  void connectsWithTls() {
    char[] password = "changeit".toCharArray();
    try (TestCertificates certificates = TestCertificates.create();
        RedisServer server = RedisServer.builder().tls(certificates.server().certificate(),
            certificates.server().privateKey(), certificates.caCertificate(), true).start()) {
      String redisUrl = server.tlsUrl();
      Path truststore = certificates.trustStore(password);
      Path clientKeystore = certificates.keyStore(certificates.client(), password);
      // tag::tls[]
      try (Rekord rekord = Rekord.builder()
          .url(redisUrl)                          // rediss://redis.example.com:6380
          .trustStore(truststore, password)       // PKCS12 or JKS holding the CA that signed the server
          .keyStore(clientKeystore, password)     // mutual TLS only: the client's key and certificate
          .build()) {
        // end::tls[]
        MemberRepository members = new MemberRepository(rekord);
        members.save(new Member("ada", "Ada", "Oslo", LocalDate.of(2024, 5, 1)));
        assertEquals("Ada", members.findById("ada").orElseThrow().name());
      }
    }
  }

  @Test
  void setsTheRetryPolicy() {
    try (RedisServer server = RedisServer.start()) {
      String redisUrl = server.url();
      // tag::retries[]
      try (Rekord rekord = Rekord.builder()
          .url(redisUrl)
          .retryPolicy(new RetryPolicy(
              100,                       // attempts at most
              Duration.ofMillis(50),     // first backoff, doubling...
              Duration.ofMillis(250),    // ...up to this
              Duration.ofSeconds(20)))   // no attempt starts later than this after the first
          .build()) {
        // end::retries[]
        assertEquals(100, rekord.connection().retryPolicy().maxAttempts());
      }
    }
  }

  @Test
  void spreadsTheBackoffWithJitter() {
    // tag::backoff[]
    RetryPolicy spread = RetryPolicy.linear(Duration.ofMillis(100), Duration.ofSeconds(1))
        .withJitter(RetryPolicy.Jitter.EQUAL)   // each pause between half and all of 100 ms, 200 ms, ... 1 s
        .withMaxAttempts(30)
        .withDeadline(Duration.ofSeconds(10));
    // end::backoff[]
    Random random = new Random(1);
    for (int failure = 1; failure <= 12; failure++) {
      long ceiling = Math.min(100L * failure, 1_000);
      long pause = spread.pause(failure, random).toMillis();
      assertTrue(pause >= ceiling / 2 && pause <= ceiling, failure + ": " + pause);
    }
  }

  /**
   * Runs the page's {@code ACL SETUSER} lines on every node (ACL users are per node), repeating
   * the key patterns it gives for {@code member} for every other model of the guide, as the page
   * says; the cluster lines only on a cluster, the search engine's ({@code +ft.*}, and
   * {@code +cluster|nodes} on a cluster) only when {@code search}.
   */
  private static void applyAcls(List<RedisServer> nodes, boolean cluster, boolean search) {
    List<String> prefixes = new ArrayList<>();
    try (Rekord admin = Rekord.connect(nodes.get(0).url())) {
      for (RekordModel<?, ?> model : admin.models()) {
        prefixes.add(model.keyPrefix());
      }
    }
    assertTrue(prefixes.contains("member"), prefixes.toString());
    for (String line : aclLines()) {
      boolean clusterOnly = line.contains("cluster|slots") || line.contains("cluster|nodes");
      boolean searchOnly = line.contains("+ft.") || line.contains("cluster|nodes");
      if (clusterOnly && !cluster || searchOnly && !search) {
        continue;
      }
      List<String> args = new ArrayList<>(List.of(line.split("\\s+")));
      for (String prefix : prefixes) {
        if (!prefix.equals("member")) {
          for (String token : List.copyOf(args)) {
            if ((token.startsWith("~") || token.startsWith("&")) && token.contains("member")) {
              args.add(token.replace("member", prefix));
            }
          }
        }
      }
      for (RedisServer node : nodes) {
        assertEquals("OK", node.command(args.toArray(String[]::new)), line);
      }
    }
  }

  /**
   * The object mapper's work (below), then the application user
   * changes expiries, locks and writes fenced, updates partially, and follows the change stream
   * (consumer group and notices) of a model with one.
   */
  private static void exercise(RedisServer node) {
    exerciseObjectMapper(node, Rekord::connect);
    String host = node.host() + ":" + node.port();
    try (Rekord rekord = withChanges("redis://rekord-app:app-secret@" + host)) {
      MemberRepository members = new MemberRepository(rekord);
      List<ChangeNotice<String>> notices = new CopyOnWriteArrayList<>();
      List<ChangeEvent<String>> events = new CopyOnWriteArrayList<>();
      try (ChangeSubscription listening = members.changes().listen(notices::add);
          ChangeSubscription subscribed = members.changes().subscribe("acl", "c1", events::add)) {
        assertTrue(listening.isRunning() && subscribed.isRunning());
        members.save(new Member("e1", "E", "Oslo", LocalDate.of(2024, 1, 1)), Duration.ofMinutes(5));
        assertTrue(members.expire("e1", Duration.ofMinutes(10)));
        assertTrue(members.expireAt("e1", Instant.now().plusSeconds(3600)));
        assertTrue(members.persist("e1"));
        assertTrue(members.ttl("e1").isEmpty());
        try (DocumentLock lock = members.lock("e1", Duration.ofSeconds(10))) {
          lock.renew();
          assertEquals("Rome", members.updateFenced(lock, Update.set(Member_.city, "Rome")).city());
        }
        members.unitOfWork().update("e1", Update.set(Member_.name, "F")).commit();
        assertTrue(members.deleteById("e1"));
        await(() -> events.size() >= 7 && !notices.isEmpty());
      }
      assertEquals(7, events.size(), events.toString()); // created, 3 expiry changes, 2 updates, deleted
    }
  }

  /** The migrating user migrates; the application user saves, queries, pages, reads and deletes. */
  private static void exerciseObjectMapper(RedisServer node, Function<String, Rekord> connect) {
    String host = node.host() + ":" + node.port();
    try (Rekord migrations = connect.apply("redis://rekord-migrate:migrate-secret@" + host)) {
      assertFalse(migrations.migrate().models().isEmpty());
    }
    try (Rekord rekord = connect.apply("redis://rekord-app:app-secret@" + host)) {
      MemberRepository members = new MemberRepository(rekord);
      for (int i = 0; i < 12; i++) {
        members.save(new Member("m" + i, "N" + i, i % 2 == 0 ? "Oslo" : "Bergen", LocalDate.of(2024, 1, 1 + i)));
      }
      assertEquals(6, members.find(Member_.city.eq("Oslo")).count());
      assertEquals(6, members.find(Member_.city.eq("Oslo")).list().size());
      assertEquals(List.of("m10", "m2"), members.find(Member_.city.eq("Oslo")).offset(1).limit(2).ids());
      assertEquals(12, members.findAll().pageSize(5).stream().count());
      assertEquals("N3", members.findById("m3").orElseThrow().name());
      assertTrue(members.deleteById("m3"));
      assertEquals(11, members.findAll().deleteAll());
      assertEquals(0, members.count());
    }
  }

  private static void await(java.util.function.BooleanSupplier condition) {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "timed out");
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  /** The {@code ACL SETUSER} lines of the page, as written there. */
  private static List<String> aclLines() {
    try {
      List<String> lines = Files.readAllLines(PAGE).stream().map(String::trim)
          .filter(line -> line.startsWith("ACL SETUSER")).toList();
      assertTrue(lines.size() >= 3, "security.md shows the ACL lines: " + lines);
      return lines;
    } catch (IOException e) {
      throw new AssertionError("cannot read " + PAGE.toAbsolutePath(), e);
    }
  }
}
