package dev.rekord.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.Neighbor;
import dev.rekord.Rekord;
import dev.rekord.exception.SerializationException;
import dev.rekord.exception.VectorDimensionException;
import dev.rekord.it.model.Product;
import dev.rekord.it.model.ProductJson;
import dev.rekord.it.model.ProductJsonRepository;
import dev.rekord.it.model.ProductJson_;
import dev.rekord.it.model.ProductModel;
import dev.rekord.it.model.ProductRepository;
import dev.rekord.it.model.Product_;
import dev.rekord.metamodel.VectorField;
import dev.rekord.model.Engine;
import dev.rekord.model.VectorIndex;
import dev.rekord.query.Condition;
import dev.rekord.test.RedisModules;
import dev.rekord.test.RedisServer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import redis.clients.jedis.UnifiedJedis;

/**
 * Nearest-neighbour queries ({@code @Vector}, {@code Query.nearest}) on both engines, against a
 * server with the Redis Query Engine, held to an exact in-memory KNN over the same data: random
 * vectors (some null), random filters, every distance. FLAT on the search engine and the portable
 * engine's reading of the documents must be exact; HNSW must reach a recall of 0.9.
 */
class VectorSearchTest {

  private static final long SEED = 20261202L;
  private static final int DOCUMENTS = 400;
  /** One with U+0000, which the Query Engine ends a string at where it reads one from a hash. */
  private static final String[] CATEGORIES = {"shoes", "hats", "so\0cks", "coats", "bags"};
  /** Distances computed in float32 by the module, in double here. */
  private static final double TOLERANCE = 1e-4;

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

  /** Where the tests run: the module's standalone server; {@code ClusterVectorSearchTest} overrides it. */
  RedisTarget target() {
    return new RedisTarget(server);
  }

  @BeforeEach
  void flush() {
    target().flushAll();
  }

  private Rekord rekord(Engine engine) {
    Rekord rekord = Rekord.builder().url(target().url()).engine(Product.class, engine).build();
    assertEquals(engine, rekord.engineOf(ProductModel.INSTANCE));
    rekord.migrate();
    return rekord;
  }

  // ------------------------------------------------------------------ exact answers

  @ParameterizedTest
  @EnumSource(value = Engine.class, names = {"SEARCH", "PORTABLE"})
  void nearestNeighboursWithAndWithoutFiltersEqualAnExactInMemoryKnn(Engine engine) {
    Random random = new Random(SEED);
    try (Rekord rekord = rekord(engine)) {
      ProductRepository products = new ProductRepository(rekord);
      List<Product> data = products(random, DOCUMENTS);
      products.saveAll(data);
      List<VectorField<Product>> exactFields = List.of(Product_.cosine, Product_.euclidean, Product_.inner);
      List<Function<Product, float[]>> vectors = List.of(Product::cosine, Product::euclidean, Product::inner);
      for (int round = 0; round < 60; round++) {
        int f = round % exactFields.size();
        VectorField<Product> field = exactFields.get(f);
        float[] query = vector(random);
        int k = 1 + random.nextInt(25);
        Filter filter = filter(random);
        List<Neighbor<Product>> found = filter.condition == null
            ? products.findAll().nearest(field.nearest(query, k)).list()
            : products.find(filter.condition).nearest(field.nearest(query, k)).list();
        List<Scored> expected = exact(data, filter.matches, vectors.get(f), field.index().vector(), query, k);
        assertSameNeighbours(expected, found, vectors.get(f), field.index().vector(), query,
            engine + " " + field.path() + " k=" + k + " " + filter.description);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(value = Engine.class, names = {"SEARCH", "PORTABLE"})
  void hnswFindsAtLeastNineInTenOfTheExactNeighbours(Engine engine) {
    Random random = new Random(SEED + 1);
    try (Rekord rekord = rekord(engine)) {
      ProductRepository products = new ProductRepository(rekord);
      List<Product> data = products(random, DOCUMENTS);
      products.saveAll(data);
      VectorIndex settings = Product_.approximate.index().vector();
      int hits = 0;
      int asked = 0;
      for (int round = 0; round < 20; round++) {
        float[] query = vector(random);
        Set<String> exact = new HashSet<>();
        for (Scored s : exact(data, p -> true, Product::approximate, settings, query, 10)) {
          exact.add(s.id);
        }
        for (Neighbor<Product> n : products.findAll().nearest(Product_.approximate.nearest(query, 10)).list()) {
          hits += exact.contains(n.entity().id()) ? 1 : 0;
        }
        asked += exact.size();
      }
      double recall = (double) hits / asked;
      assertTrue(recall >= 0.9, "recall " + recall);
    }
  }

  @ParameterizedTest
  @EnumSource(value = Engine.class, names = {"SEARCH", "PORTABLE"})
  void offsetAndLimitPageThroughTheNeighboursAndASortIsRefused(Engine engine) {
    Random random = new Random(SEED + 2);
    try (Rekord rekord = rekord(engine)) {
      ProductRepository products = new ProductRepository(rekord);
      products.saveAll(products(random, 50));
      float[] query = vector(random);
      List<Neighbor<Product>> all = products.findAll().nearest(Product_.euclidean.nearest(query, 10)).list();
      List<Neighbor<Product>> page = products.findAll().offset(3).limit(4)
          .nearest(Product_.euclidean.nearest(query, 10)).list();
      assertEquals(ids(all.subList(3, 7)), ids(page));
      assertThrows(IllegalStateException.class,
          () -> products.findAll().sortBy(Product_.price.asc()).nearest(Product_.euclidean.nearest(query, 3)));
    }
  }

  /** Documents saved on the portable engine get their vector blobs when migrate() moves the model to the search engine. */
  @org.junit.jupiter.api.Test
  void movingAModelToTheSearchEngineWritesTheBlobsOfItsExistingVectors() {
    Random random = new Random(SEED + 4);
    List<Product> data = products(random, 120);
    try (Rekord rekord = rekord(Engine.PORTABLE)) {
      new ProductRepository(rekord).saveAll(data);
    }
    try (Rekord rekord = rekord(Engine.SEARCH)) { // migrate() reindexes the 120 documents
      ProductRepository products = new ProductRepository(rekord);
      float[] query = vector(random);
      VectorIndex settings = Product_.euclidean.index().vector();
      List<Scored> expected = exact(data, p -> true, Product::euclidean, settings, query, 15);
      assertSameNeighbours(expected, products.findAll().nearest(Product_.euclidean.nearest(query, 15)).list(),
          Product::euclidean, settings, query, "after the move");
    }
  }

  @ParameterizedTest
  @EnumSource(value = Engine.class, names = {"SEARCH", "PORTABLE"})
  void nullVectorsAreFoundByIsNullAndAreNeverNeighbours(Engine engine) {
    Random random = new Random(SEED + 5);
    try (Rekord rekord = rekord(engine)) {
      ProductRepository products = new ProductRepository(rekord);
      List<Product> data = products(random, 200);
      products.saveAll(data);
      long nulls = data.stream().filter(p -> p.inner() == null).count();
      assertTrue(nulls > 0);
      assertEquals(nulls, products.find(Product_.inner.isNull()).count());
      assertEquals(data.size() - nulls, products.find(Product_.inner.isNotNull()).count());
      List<Neighbor<Product>> all = products.findAll().nearest(Product_.inner.nearest(vector(random), 200)).list();
      assertEquals(data.size() - nulls, all.size());
    }
  }

  // ------------------------------------------------------------------ stored form and typed failures

  @ParameterizedTest
  @EnumSource(value = Engine.class, names = {"SEARCH", "PORTABLE"})
  void vectorsRoundTripExactly(Engine engine) {
    try (Rekord rekord = rekord(engine)) {
      ProductRepository products = new ProductRepository(rekord);
      float[] odd = {-0.0f, Float.MIN_VALUE, Float.MAX_VALUE, -1.5f, 1e-30f, 3.4028e38f, 0.1f, -7f};
      Product product = new Product("p1", "shoes", 10, odd, odd.clone(), null, odd.clone());
      products.save(product);
      Product read = products.findById("p1").orElseThrow();
      assertArrayEquals(odd, read.cosine());
      assertArrayEquals(odd, read.euclidean());
      assertEquals(null, read.inner());
      assertArrayEquals(odd, read.approximate());
    }
  }

  @org.junit.jupiter.api.Test
  void theSearchEngineIndexesTheRawFloat32Blob() {
    try (Rekord rekord = rekord(Engine.SEARCH)) {
      ProductRepository products = new ProductRepository(rekord);
      float[] vector = {1, 2, 3, 4, 5, 6, 7, 8};
      products.save(new Product("p1", "shoes", 10, vector, vector, vector, vector));
      UnifiedJedis raw = target().raw();
      String key = target().keys("{product*}:p1").iterator().next(); // {product}:p1, {product:3}:p1 with buckets
      byte[] blob = raw.hget(key.getBytes(StandardCharsets.UTF_8),
          "__rk.v.euclidean".getBytes(StandardCharsets.UTF_8));
      byte[] expected = java.nio.ByteBuffer.allocate(32).order(java.nio.ByteOrder.LITTLE_ENDIAN)
          .putFloat(1).putFloat(2).putFloat(3).putFloat(4).putFloat(5).putFloat(6).putFloat(7).putFloat(8).array();
      assertArrayEquals(expected, blob);
      assertEquals(java.util.Base64.getEncoder().encodeToString(expected), raw.hget(key, "euclidean"));
    }
  }

  /**
   * {@code @Vector(m = 24, efConstruction = 300, efRuntime = 40)} reaches FT.CREATE (on a cluster,
   * every master's index); an untuned HNSW graph keeps the defaults.
   */
  @org.junit.jupiter.api.Test
  void theHnswSettingsOfTheAnnotationReachTheQueryEngine() {
    try (Rekord rekord = rekord(Engine.SEARCH)) { // migrate() ran FT.CREATE
      assertEquals(Engine.SEARCH, rekord.engineOf(ProductModel.INSTANCE));
      List<Map<String, Object>> approximate = vectorInfo("v5"); // the sixth indexed field
      assertEquals(target().primaries().size(), approximate.size(), "an index on every primary");
      for (Map<String, Object> index : approximate) {
        assertEquals("HNSW", index.get("ALGORITHM"));
        assertEquals(24L, index.get("M"));
        assertEquals(300L, index.get("EF_CONSTRUCTION"));
        assertEquals(40L, index.get("EF_RUNTIME"));
      }
      vectorInfo("v3").forEach(index -> assertEquals("FLAT", index.get("ALGORITHM"))); // euclidean: no graph settings
    }
  }

  /**
   * {@code FT.DEBUG VECSIM_INFO} of the vector attribute {@code attribute} of each of Product's
   * indexes ({@code FT._LIST} of every primary: one index, or one per master of a cluster), as maps.
   */
  private List<Map<String, Object>> vectorInfo(String attribute) {
    List<Map<String, Object>> infos = new ArrayList<>();
    for (dev.rekord.test.RedisServer primary : target().primaries()) {
      for (Object listed : (List<?>) primary.command("FT._LIST")) {
        String index = listed instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(listed);
        if (!index.contains("product-idx")) {
          continue;
        }
        List<?> reply = (List<?>) primary.command("FT.DEBUG", "VECSIM_INFO", index, attribute);
        Map<String, Object> info = new java.util.HashMap<>();
        for (int i = 0; i + 1 < reply.size(); i += 2) {
          Object value = reply.get(i + 1);
          info.put(String.valueOf(reply.get(i)), value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : value);
        }
        infos.add(info);
      }
    }
    return infos;
  }

  /**
   * The reply of a KNN query carries the fields the codec reads and the distance, not the index
   * fields beside them (the vectors' blobs, tag prefixes): fewer bytes than the hash itself.
   */
  @org.junit.jupiter.api.Test
  void theSearchEngineReturnsNeighboursWithoutTheirIndexFields() {
    try (Rekord rekord = rekord(Engine.SEARCH)) {
      ProductRepository products = new ProductRepository(rekord);
      float[] vector = {1, 2, 3, 4, 5, 6, 7, 8};
      Product product = new Product("p1", "shoes", 10, vector, vector, vector, vector);
      products.save(product);
      UnifiedJedis raw = new RedisTarget(server).raw();
      long hash = outputBytes(raw, () -> raw.hgetAll("{product}:p1"));
      List<Neighbor<Product>> found = new ArrayList<>();
      long knn = outputBytes(raw, () -> found.addAll(products.findAll().nearest(Product_.euclidean.nearest(vector, 1)).list()));
      assertEquals(1, found.size());
      Product read = found.get(0).entity(); // every field the codec reads came back
      assertEquals(List.of("p1", "shoes", 10), List.of(read.id(), read.category(), read.price()));
      for (float[] each : List.of(read.cosine(), read.euclidean(), read.inner(), read.approximate())) {
        assertArrayEquals(vector, each);
      }
      assertTrue(knn < hash, "a KNN reply of " + knn + " bytes, the hash " + hash + " bytes");
    }
  }

  /** The bytes the server sent while {@code action} ran ({@code total_net_output_bytes}; one INFO reply on each side). */
  private static long outputBytes(UnifiedJedis raw, Runnable action) {
    long before = netOutput(raw);
    action.run();
    return netOutput(raw) - before;
  }

  private static long netOutput(UnifiedJedis raw) {
    for (String line : raw.info("stats").split("\r?\n")) {
      if (line.startsWith("total_net_output_bytes:")) {
        return Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
      }
    }
    throw new IllegalStateException("no total_net_output_bytes");
  }

  @ParameterizedTest
  @EnumSource(value = Engine.class, names = {"SEARCH", "PORTABLE"})
  void aQueryVectorOfOtherDimensionsIsATypedErrorNamingModelAndField(Engine engine) {
    try (Rekord rekord = rekord(engine)) {
      ProductRepository products = new ProductRepository(rekord);
      VectorDimensionException e = assertThrows(VectorDimensionException.class,
          () -> products.find(Product_.category.eq("shoes")).nearest(Product_.cosine.nearest(new float[3], 5)).list());
      assertEquals("Product", e.model());
      assertEquals("cosine", e.field());
      assertEquals(8, e.expected());
      assertEquals(3, e.actual());
    }
  }

  @ParameterizedTest
  @EnumSource(value = Engine.class, names = {"SEARCH", "PORTABLE"})
  void aStoredVectorOfOtherDimensionsOrNotFiniteIsRefusedBeforeAnythingIsWritten(Engine engine) {
    try (Rekord rekord = rekord(engine)) {
      ProductRepository products = new ProductRepository(rekord);
      SerializationException shortVector = assertThrows(SerializationException.class,
          () -> products.save(new Product("p1", "shoes", 1, new float[7], null, null, null)));
      assertEquals("cosine", shortVector.field());
      assertTrue(shortVector.getMessage().contains("7 elements"), shortVector.getMessage());
      float[] nan = new float[8];
      nan[2] = Float.NaN;
      assertThrows(SerializationException.class, () -> products.save(new Product("p1", "shoes", 1, null, nan, null, null)));
      assertEquals(0, products.count());
    }
  }

  /** JSON models stay on the portable engine (no RedisJSON): vectors are arrays of numbers, KNN reads the documents. */
  @org.junit.jupiter.api.Test
  void jsonModelsAnswerNearestNeighboursOnThePortableEngine() {
    Random random = new Random(SEED + 3);
    try (Rekord rekord = Rekord.connect(target().url())) {
      rekord.migrate();
      ProductJsonRepository products = new ProductJsonRepository(rekord);
      List<ProductJson> data = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        data.add(new ProductJson("j" + i, CATEGORIES[random.nextInt(CATEGORIES.length)], random.nextInt(100),
            random.nextInt(10) == 0 ? null : vector(random)));
      }
      products.saveAll(data);
      String key = target().keys("{product-json*}:j1").iterator().next();
      assertTrue(target().raw().get(key).contains("\"euclidean\":["));
      float[] query = vector(random);
      VectorIndex settings = ProductJson_.euclidean.index().vector();
      List<Neighbor<ProductJson>> found = products.find(ProductJson_.category.eq("hats"))
          .nearest(ProductJson_.euclidean.nearest(query, 7)).list();
      List<ProductJson> expected = data.stream()
          .filter(p -> p.category().equals("hats") && p.euclidean() != null)
          .sorted(Comparator.comparingDouble((ProductJson p) -> settings.distance(query, p.euclidean()))
              .thenComparing(ProductJson::id))
          .limit(7)
          .toList();
      assertEquals(expected.stream().map(ProductJson::id).toList(),
          found.stream().map(n -> n.entity().id()).toList());
    }
  }

  // ------------------------------------------------------------------ data, filters, the exact KNN

  private static List<Product> products(Random random, int count) {
    List<Product> products = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      // every seventh id holds U+0000: a neighbour the Query Engine loaded itself was dropped
      products.add(new Product("p" + i + (i % 7 == 0 ? "\0" : ""), CATEGORIES[random.nextInt(CATEGORIES.length)],
          random.nextInt(100), maybe(random), maybe(random), maybe(random), maybe(random)));
    }
    return products;
  }

  private static float[] maybe(Random random) {
    return random.nextInt(20) == 0 ? null : vector(random);
  }

  private static float[] vector(Random random) {
    float[] v = new float[8];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) random.nextGaussian();
    }
    return v;
  }

  /** A condition and the same test in Java. */
  private record Filter(Condition<Product> condition, Predicate<Product> matches, String description) {}

  private static Filter filter(Random random) {
    String category = CATEGORIES[random.nextInt(CATEGORIES.length)];
    int price = random.nextInt(100);
    return switch (random.nextInt(5)) {
      case 0 -> new Filter(null, p -> true, "all");
      case 1 -> new Filter(Product_.category.eq(category), p -> p.category().equals(category), "category=" + category);
      case 2 -> new Filter(Product_.price.lt(price), p -> p.price() < price, "price<" + price);
      case 3 -> new Filter(Product_.category.ne(category).and(Product_.price.gte(price)),
          p -> !p.category().equals(category) && p.price() >= price, "category!=" + category + " price>=" + price);
      default -> new Filter(Product_.category.eq(category).or(Product_.price.between(price, price + 10)),
          p -> p.category().equals(category) || (p.price() >= price && p.price() <= price + 10),
          "category=" + category + " or price in [" + price + "," + (price + 10) + "]");
    };
  }

  private record Scored(String id, double distance) {}

  private static List<Scored> exact(List<Product> data, Predicate<Product> filter, Function<Product, float[]> vector,
      VectorIndex settings, float[] query, int k) {
    return data.stream()
        .filter(filter)
        .filter(p -> vector.apply(p) != null)
        .map(p -> new Scored(p.id(), settings.distance(query, vector.apply(p))))
        .sorted(Comparator.comparingDouble(Scored::distance).thenComparing(Scored::id))
        .limit(k)
        .toList();
  }

  /**
   * The same neighbours in the same order, each distance as computed here; where two distances lie
   * within the module's float32 rounding of each other, their order (and, at the k-th place, which
   * of them is in) may differ.
   */
  private static void assertSameNeighbours(List<Scored> expected, List<Neighbor<Product>> found,
      Function<Product, float[]> vector, VectorIndex settings, float[] query, String what) {
    assertEquals(expected.size(), found.size(), what);
    for (int i = 0; i < found.size(); i++) {
      Neighbor<Product> neighbor = found.get(i);
      double own = settings.distance(query, vector.apply(neighbor.entity()));
      assertEquals(own, neighbor.distance(), TOLERANCE, what + ": the reported distance of " + neighbor.entity().id());
      assertEquals(expected.get(i).distance, neighbor.distance(), TOLERANCE, what + ": place " + i);
      if (!expected.get(i).id.equals(neighbor.entity().id())) {
        double gap = Math.abs(expected.get(i).distance - own);
        assertTrue(gap < TOLERANCE, what + ": place " + i + " is " + neighbor.entity().id() + ", expected "
            + expected.get(i).id);
      }
    }
  }

  private static List<String> ids(List<Neighbor<Product>> neighbors) {
    return neighbors.stream().map(n -> n.entity().id()).toList();
  }
}
