package dev.rekord.docs.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rekord.Neighbor;
import dev.rekord.Rekord;
import dev.rekord.docs.gettingstarted.Member;
import dev.rekord.docs.gettingstarted.MemberModel;
import dev.rekord.docs.gettingstarted.MemberRepository;
import dev.rekord.docs.gettingstarted.Member_;
import dev.rekord.docs.gettingstarted.Session;
import dev.rekord.docs.gettingstarted.SessionModel;
import dev.rekord.docs.updates.Account;
import dev.rekord.docs.updates.AccountModel;
import dev.rekord.docs.updates.AccountRepository;
import dev.rekord.docs.updates.Account_;
import dev.rekord.exception.DocumentExistsException;
import dev.rekord.exception.OptimisticLockException;
import dev.rekord.model.Engine;
import dev.rekord.query.Sort;
import dev.rekord.update.Update;
import dev.rekord.schema.MigrationReport;
import dev.rekord.test.RedisModules;
import dev.rekord.test.RedisServer;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The snippets of search-engine.md, against a redis-server with the Redis Query Engine. */
class SearchEngineDocsTest {

  private static RedisServer server;

  @BeforeAll
  static void start() {
    // tag::module[]
    Path module = RedisModules.search().orElse(null);
    Assumptions.assumeTrue(module != null, RedisModules.searchMissingMessage());
    server = RedisServer.builder().module(module).start();
    // end::module[]
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void chooseTheEngine() {
    String url = server.url();
    // tag::choose[]
    Rekord rekord = Rekord.builder()
        .url(url)
        .engine(Engine.AUTO)                     // the default: the search engine where it can run
        .engine(Session.class, Engine.PORTABLE)  // this model stays on the portable engine
        .build();
    MigrationReport report = rekord.migrate();   // FT.CREATE of each search model's index
    Engine members = rekord.engineOf(MemberModel.INSTANCE);   // Engine.SEARCH
    Engine sessions = rekord.engineOf(SessionModel.INSTANCE); // Engine.PORTABLE
    // end::choose[]
    try (rekord) {
      assertEquals(Engine.SEARCH, members);
      assertEquals(Engine.PORTABLE, sessions);
      assertEquals(MigrationReport.Outcome.CREATED, report.model("member").outcome());
      MemberRepository repository = new MemberRepository(rekord);
      repository.save(new Member("ada", "Ada", "Oslo", LocalDate.of(2024, 5, 1)));
      repository.save(new Member("bob", "Bob", "Rome", LocalDate.of(2023, 1, 1)));
      // tag::query[]
      List<Member> inOslo = repository.find(Member_.city.eq("Oslo")
              .and(Member_.joinDate.gte(LocalDate.of(2024, 1, 1))))
          .limit(20)
          .list();                                 // FT.AGGREGATE … DIALECT 2 under the hood
      // end::query[]
      assertEquals(List.of("ada"), inOslo.stream().map(Member::id).toList());
    }
  }

  @Test
  void nearestNeighbours() {
    try (Rekord rekord = Rekord.connect(server.url())) {
      rekord.migrate();
      ProductRepository products = new ProductRepository(rekord);
      products.save(new Product("boot", "shoes", 120, new float[] {0.9f, 0.1f, 0f, 0f}));
      products.save(new Product("sandal", "shoes", 40, new float[] {0.1f, 0.9f, 0f, 0f}));
      products.save(new Product("beanie", "hats", 20, new float[] {1f, 0f, 0f, 0f}));
      float[] queryVector = {1f, 0f, 0f, 0f};
      // tag::nearest[]
      List<Neighbor<Product>> similar = products.find(Product_.category.eq("shoes"))
          .nearest(Product_.embedding.nearest(queryVector, 10))   // the 10 nearest shoes
          .list();
      Neighbor<Product> best = similar.get(0);   // best.entity(), best.distance()
      // end::nearest[]
      assertEquals(List.of("boot", "sandal"), similar.stream().map(n -> n.entity().id()).toList());
      assertEquals(1 - 0.9 / Math.sqrt(0.82), best.distance(), 1e-6);
    }
  }

  @Test
  void stemmingAndRelevance() {
    try (Rekord rekord = Rekord.connect(server.url())) {
      rekord.migrate();
      RecipeRepository recipes = new RecipeRepository(rekord);
      recipes.save(new Recipe("bread", "Bread", "Knead, rest, then bake for 40 minutes; bake again if pale",
          new float[] {1, 0, 0, 0}));
      recipes.save(new Recipe("cake", "Cake", "Baking takes an hour in a slow oven, with a cake tin, a whisk and"
          + " some patience for the whole afternoon", new float[] {0, 1, 0, 0}));
      recipes.save(new Recipe("salad", "Salad", "Chop and toss", new float[] {0, 0, 1, 0}));
      // tag::stemming[]
      List<Recipe> baked = recipes.find(Recipe_.method.matches("bake"))  // "bake", "baking", "baked"…
          .sortBy(Sort.relevance())                                        // best matches first (BM25)
          .limit(10)
          .list();
      // end::stemming[]
      assertEquals(List.of("bread", "cake"), baked.stream().map(Recipe::id).toList());
      assertEquals(0, recipes.find(Recipe_.title.matches("cakes")).count()); // not stemmed: exact words
    }
  }

  @Test
  void safeWritesOnTheSearchEngine() {
    try (Rekord rekord = Rekord.connect(server.url())) {
      rekord.migrate();
      assertEquals(Engine.SEARCH, rekord.engineOf(AccountModel.INSTANCE));
      // tag::writes[]
      AccountRepository accounts = new AccountRepository(rekord);           // on the search engine
      Account opened = accounts.insert(new Account("acc-1", 0, "Ada", 100)); // version 1
      Account paid = accounts.update("acc-1", Update.increment(Account_.balance, 25L)); // version 2
      try {
        accounts.save(opened);   // carries version 1, but 2 is stored
      } catch (OptimisticLockException e) {
        // e.expectedVersion() == 1, e.actualVersion() == 2: nothing was written
      }
      // end::writes[]
      assertEquals(1, opened.version());
      assertEquals(new Account("acc-1", 2, "Ada", 125), paid);
      assertEquals(paid, accounts.findById("acc-1").orElseThrow());
      assertThrows(OptimisticLockException.class, () -> accounts.save(opened));
      assertThrows(DocumentExistsException.class, () -> accounts.insert(new Account("acc-1", 0, "Bob", 1)));
    }
  }
}
