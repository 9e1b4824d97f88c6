package dev.rekord.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rekord.Neighbor;
import dev.rekord.Rekord;
import dev.rekord.it.model.Recipe;
import dev.rekord.it.model.RecipeModel;
import dev.rekord.it.model.RecipeRepository;
import dev.rekord.it.model.Recipe_;
import dev.rekord.model.Engine;
import dev.rekord.query.Sort;
import dev.rekord.test.RedisModules;
import dev.rekord.test.RedisServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Documents whose id and fields hold U+0000 (and U+0001, the escape of the stored id) come back
 * whole from the reads that return documents with their rank: nearest neighbours and an order by
 * relevance. The Query Engine drops such a document from a reply when it loads it ({@code
 * FT.SEARCH … RETURN}), so these reads take only ids and ranks from it and read the documents
 * themselves. And a nearest-neighbour filter on a German stemmed text stems in German.
 */
class SearchNulTest {

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

  /** Where the tests run: the module's standalone server; {@code ClusterSearchNulTest} overrides it. */
  RedisTarget target() {
    return new RedisTarget(server);
  }

  @BeforeEach
  void flush() {
    target().flushAll();
  }

  private Rekord rekord() {
    Rekord rekord = Rekord.builder().url(target().url()).engine(Recipe.class, Engine.SEARCH).build();
    assertEquals(Engine.SEARCH, rekord.engineOf(RecipeModel.INSTANCE));
    rekord.migrate();
    return rekord;
  }

  /** Ids and values with U+0000 at the start, inside and at the end, U+0001 beside them, and plain ones. */
  private static List<Recipe> recipes() {
    String[] ids = {"plain", "\0", "r\0a", "r\0", "\0r", "r\1b", "r\1\0c", "r\0\1d", "r\u00e9\0\ud83d\ude00"};
    String[] kinds = {"soup", "so\0up", "\0", "soup\0", "\1soup"};
    String[] texts = {"Brot und Suppe", "Brot\0Suppe", "\0Brot im Haus", "Brot\0", "Suppe mit Brot\0\0 und Salz"};
    List<Recipe> recipes = new ArrayList<>();
    for (int i = 0; i < ids.length; i++) {
      recipes.add(new Recipe(ids[i], kinds[i % kinds.length], texts[i % texts.length],
          new float[] {1 + i, 0.5f * i, i % 3, 1}));
    }
    return recipes;
  }

  @Test
  void nearestNeighboursHoldingU0000ComeBackWhole() {
    try (Rekord rekord = rekord()) {
      RecipeRepository repository = new RecipeRepository(rekord);
      List<Recipe> recipes = recipes();
      repository.saveAll(recipes);
      float[] query = {0, 0, 0, 1};
      List<Neighbor<Recipe>> all = repository.findAll().nearest(Recipe_.embedding.nearest(query, 50)).list();
      assertSame(recipes, entities(all));
      for (int i = 1; i < all.size(); i++) {
        assertEquals(true, all.get(i - 1).distance() <= all.get(i).distance(), "in order of distance: " + all);
      }
      for (Recipe recipe : recipes) {
        List<Neighbor<Recipe>> found = repository.find(Recipe_.kind.eq(recipe.kind()))
            .nearest(Recipe_.embedding.nearest(recipe.embedding(), 50)).list();
        assertSame(recipes.stream().filter(r -> r.kind().equals(recipe.kind())).toList(), entities(found));
        assertEquals(0, found.get(0).distance(), 1e-6);
        assertEquals(recipe.embedding()[0], found.get(0).entity().embedding()[0]);
      }
      // and the queries left every document in the index (a load of a key holding U+0000 dropped it)
      assertEquals(recipes.size(), repository.find(Recipe_.kind.startsWith("")).count());
      assertSame(recipes, repository.find(Recipe_.text.matches("brot")).list());
    }
  }

  @Test
  void documentsHoldingU0000OrderedByRelevanceComeBackWhole() {
    Assumptions.assumeFalse(target().isCluster(), "an order by relevance is refused on a cluster");
    try (Rekord rekord = rekord()) {
      RecipeRepository repository = new RecipeRepository(rekord);
      List<Recipe> recipes = recipes();
      repository.saveAll(recipes);
      List<Recipe> ranked = repository.find(Recipe_.kind.startsWith("")).sortBy(Sort.relevance()).list();
      assertSame(recipes, ranked);
      List<Recipe> paged = new ArrayList<>();
      for (int offset = 0; offset < recipes.size(); offset += 4) {
        paged.addAll(repository.find(Recipe_.kind.startsWith("")).sortBy(Sort.relevance()).offset(offset).limit(4)
            .list());
      }
      assertSame(recipes, paged);
      assertEquals(repository.find(Recipe_.kind.startsWith("")).sortBy(Sort.relevance()).ids(),
          ranked.stream().map(Recipe::id).toList());
      assertEquals(recipes.size(), repository.find(Recipe_.kind.startsWith("")).count(), "none left the index");
    }
  }

  @Test
  void aStemmedTextHoldingU0000IsFoundByEveryWord() {
    try (Rekord rekord = rekord()) {
      RecipeRepository repository = new RecipeRepository(rekord);
      List<Recipe> recipes = recipes();
      repository.saveAll(recipes);
      for (String word : List.of("brot", "suppe", "salz", "haus")) {
        List<Recipe> expected = recipes.stream()
            .filter(r -> List.of(r.text().toLowerCase().split("[\\s\\x00]+")).contains(word)).toList();
        assertSame(expected, repository.find(Recipe_.text.matches(word)).list());
        assertSame(expected, entities(repository.find(Recipe_.text.matches(word))
            .nearest(Recipe_.embedding.nearest(new float[] {1, 1, 1, 1}, 50)).list()));
      }
    }
  }

  @Test
  void aNearestNeighbourFilterOnAGermanTextStemsInGerman() {
    try (Rekord rekord = rekord()) {
      RecipeRepository repository = new RecipeRepository(rekord);
      Recipe garden = new Recipe("g", "haus", "Ein sch\u00f6ner Garten", new float[] {1, 0, 0, 0});
      Recipe houses = new Recipe("h", "haus", "Alte H\u00e4user am Markt", new float[] {0, 1, 0, 0});
      repository.saveAll(List.of(garden, houses));
      // German stems "Gärten" and "Garten" alike ("gart"); English stems "Gärten" to itself
      assertSame(List.of(garden), repository.find(Recipe_.text.matches("G\u00e4rten")).list());
      assertSame(List.of(garden), entities(repository.find(Recipe_.text.matches("G\u00e4rten"))
          .nearest(Recipe_.embedding.nearest(new float[] {0, 1, 0, 0}, 5)).list()));
      assertSame(List.of(garden), entities(repository.find(Recipe_.text.matches("G\u00e4rten")
          .and(Recipe_.kind.eq("haus"))).nearest(Recipe_.embedding.nearest(new float[] {0, 1, 0, 0}, 5)).list()));
    }
  }

  private static List<Recipe> entities(List<Neighbor<Recipe>> neighbours) {
    return neighbours.stream().map(Neighbor::entity).toList();
  }

  /** The same recipes, field by field (a record's equality compares arrays by identity), in any order. */
  private static void assertSame(List<Recipe> expected, List<Recipe> actual) {
    assertEquals(byId(expected).keySet(), byId(actual).keySet(), "the ids");
    assertEquals(expected.size(), actual.size(), "each once: " + actual);
    Map<String, Recipe> found = byId(actual);
    for (Recipe recipe : expected) {
      Recipe read = found.get(recipe.id());
      assertEquals(recipe.kind(), read.kind(), recipe.id());
      assertEquals(recipe.text(), read.text(), recipe.id());
      assertArrayEquals(recipe.embedding(), read.embedding(), recipe.id());
    }
  }

  private static Map<String, Recipe> byId(List<Recipe> recipes) {
    Map<String, Recipe> byId = new TreeMap<>();
    recipes.forEach(r -> byId.put(r.id(), r));
    return byId;
  }
}
