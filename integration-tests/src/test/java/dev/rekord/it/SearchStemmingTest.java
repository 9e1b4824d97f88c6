package dev.rekord.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.Rekord;
import dev.rekord.exception.QueryException;
import dev.rekord.it.model.Article;
import dev.rekord.it.model.ArticleModel;
import dev.rekord.it.model.ArticleRepository;
import dev.rekord.it.model.Article_;
import dev.rekord.model.Engine;
import dev.rekord.query.Sort;
import dev.rekord.test.RedisModules;
import dev.rekord.test.RedisServer;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Opt-in stemming ({@code @Text(stemming = ENGLISH)}) and relevance ordering ({@code
 * Sort.relevance()}) on the search engine, against the real Redis Query Engine: a stemmed field
 * finds "running" for "run", an unstemmed one does not, and the portable engine keeps exact words
 * and refuses relevance ordering. Skipped, saying how to enable it, where the module is not found.
 */
class SearchStemmingTest {

  private static RedisServer server;

  @BeforeAll
  static void startServerWithModule() {
    server = RedisModules.startSearchServer();
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @BeforeEach
  void flush() {
    server.flushAll();
  }

  private static Rekord rekord(Engine engine) {
    Rekord rekord = Rekord.builder().url(server.url()).engine(Article.class, engine).build();
    assertEquals(engine, rekord.engineOf(ArticleModel.INSTANCE));
    rekord.migrate();
    return rekord;
  }

  private static void saveArticles(ArticleRepository articles) {
    articles.save(new Article("a1", "sport", "Running shoes", "She was running all day"));
    articles.save(new Article("a2", "sport", "Run club", "They run twice a week, run run run"));
    articles.save(new Article("a3", "news", "Weather", "Sunny with clouds"));
  }

  private static String ids(List<Article> found) {
    return found.stream().map(Article::id).sorted().collect(Collectors.joining(","));
  }

  @Test
  void aStemmedFieldFindsTheFormsOfAWordOnlyOnTheSearchEngine() {
    try (Rekord rekord = rekord(Engine.SEARCH)) {
      ArticleRepository articles = new ArticleRepository(rekord);
      saveArticles(articles);
      assertEquals("a1,a2", ids(articles.find(Article_.body.matches("run")).list()));
      assertEquals("a1,a2", ids(articles.find(Article_.body.matches("runs")).list()));
      assertEquals(2, articles.find(Article_.body.matches("running")).count());
      assertEquals("a2", ids(articles.find(Article_.body.matches("run").and(Article_.section.eq("sport"))
          .and(Article_.body.matchesAny("week month"))).list()));
      // not opted in: exact words, as on the portable engine
      assertEquals("a2", ids(articles.find(Article_.title.matches("run")).list()));
      assertEquals("a1", ids(articles.find(Article_.title.matches("running")).list()));
      // a prefix matches the words as written
      assertEquals("a1", ids(articles.find(Article_.body.matchesPrefix("runn")).list()));
      assertTrue(articles.verifyIndex().consistent(), articles.verifyIndex().toString());
    }
  }

  @Test
  void thePortableEngineKeepsExactWords() {
    try (Rekord rekord = rekord(Engine.PORTABLE)) {
      ArticleRepository articles = new ArticleRepository(rekord);
      saveArticles(articles);
      assertEquals("a2", ids(articles.find(Article_.body.matches("run")).list()));
      assertEquals("a1", ids(articles.find(Article_.body.matches("running")).list()));
    }
  }

  @Test
  void relevanceOrdersTheBestMatchesFirstOnTheSearchEngineOnly() {
    try (Rekord rekord = rekord(Engine.SEARCH)) {
      ArticleRepository articles = new ArticleRepository(rekord);
      saveArticles(articles);
      articles.save(new Article("a4", "sport", "Other", "a long text that mentions run once among many other words"
          + " of no interest to anyone at all"));
      List<String> ranked = articles.find(Article_.body.matches("run")).sortBy(Sort.relevance()).ids();
      assertEquals(3, ranked.size());
      assertEquals("a2", ranked.get(0), "four times in a short text ranks first: " + ranked);
      assertEquals("a4", ranked.get(2), "once in a long text ranks last: " + ranked);
      assertEquals(ranked.subList(1, 3), articles.find(Article_.body.matches("run")).sortBy(Sort.relevance())
          .offset(1).limit(5).ids());
      assertEquals(List.of("a2"), articles.find(Article_.body.matches("run")).sortBy(Sort.relevance()).limit(1).ids());
      QueryException iterated = assertThrows(QueryException.class,
          () -> articles.find(Article_.body.matches("run")).sortBy(Sort.relevance()).stream().count());
      assertTrue(iterated.getMessage().contains("Article"), iterated.getMessage());
      assertThrows(IllegalArgumentException.class,
          () -> articles.findAll().sortBy(Sort.relevance(), Sort.relevance()));
    }
    try (Rekord rekord = rekord(Engine.PORTABLE)) {
      ArticleRepository articles = new ArticleRepository(rekord);
      QueryException refused = assertThrows(QueryException.class,
          () -> articles.find(Article_.body.matches("run")).sortBy(Sort.relevance()).list());
      assertTrue(refused.getMessage().contains("Article") && refused.getMessage().contains("search engine"),
          refused.getMessage());
    }
  }

  /**
   * On a cluster the stemmed field matches as on one server (every master's index has the
   * language), and an order by relevance is refused: each master scores with its own statistics,
   * so no merge of their orders is the order of all documents.
   */
  @Test
  void onAClusterStemmingWorksAndRelevanceIsRefused() {
    RedisTarget cluster = RedisTarget.searchCluster().orElse(null);
    Assumptions.assumeTrue(cluster != null, RedisModules.searchMissingMessage());
    cluster.flushAll();
    try (Rekord rekord = Rekord.builder().url(cluster.url()).engine(Article.class, Engine.SEARCH).build()) {
      assertEquals(Engine.SEARCH, rekord.engineOf(ArticleModel.INSTANCE));
      rekord.migrate();
      ArticleRepository articles = new ArticleRepository(rekord);
      saveArticles(articles);
      assertEquals("a1,a2", ids(articles.find(Article_.body.matches("run")).list()));
      assertEquals(2, articles.find(Article_.body.matches("running")).count());
      QueryException refused = assertThrows(QueryException.class,
          () -> articles.find(Article_.body.matches("run")).sortBy(Sort.relevance()).ids());
      assertTrue(refused.getMessage().contains("Article") && refused.getMessage().contains("Cluster"),
          refused.getMessage());
    } finally {
      cluster.flushAll();
    }
  }
}
