package dev.rekord.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rekord.model.Engine;
import dev.rekord.Rekord;
import dev.rekord.RekordRepository;
import dev.rekord.it.model.Item;
import dev.rekord.it.model.ItemHashModel;
import dev.rekord.it.model.ItemJsonModel;
import dev.rekord.model.GeoPoint;
import dev.rekord.test.RedisModules;
import dev.rekord.test.RedisServer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.provider.Arguments;
import redis.clients.jedis.GeoCoordinate;
import redis.clients.jedis.UnifiedJedis;

/**
 * {@link DifferentialQueryTest} on a server with the Redis Query Engine, {@link Engine#AUTO}: the
 * hash model runs on the search engine (the JSON model, stored as plain strings, stays portable),
 * with the same seed, data, random queries and in-memory evaluation the portable engine is held to,
 * so both engines return the same ids, counts and cursor pages. Skipped, saying how to enable it,
 * where the module is not found ({@link RedisModules#search()}).
 */
class SearchDifferentialQueryTest extends DifferentialQueryTest {

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

  static Stream<Arguments> setups() {
    return Stream.of(Arguments.of("HASH", 1), Arguments.of("HASH", 4), Arguments.of("JSON", 1));
  }

  @Override
  RedisTarget target() {
    return new RedisTarget(server);
  }

  @Override
  Rekord connect(int buckets) {
    Rekord rekord = Rekord.builder().url(target().url()).buckets(buckets).engine(Engine.AUTO).build();
    assertEquals(Engine.SEARCH, rekord.engineOf(ItemHashModel.INSTANCE));
    assertEquals(Engine.PORTABLE, rekord.engineOf(ItemJsonModel.INSTANCE));
    rekord.migrate();
    return rekord;
  }

  /** Where Redis puts the point: GEOADD to a scratch key, then GEOPOS (the search index keeps no GEO set). */
  @Override
  GeoPoint indexedPosition(UnifiedJedis raw, RekordRepository<?, String> repository, Item item) {
    if (!(repository.model() instanceof ItemHashModel)) {
      return super.indexedPosition(raw, repository, item);
    }
    raw.geoadd("scratch:where", item.where().longitude(), item.where().latitude(), item.id());
    GeoCoordinate p = raw.geopos("scratch:where", item.id()).get(0);
    return GeoPoint.of(p.getLongitude(), p.getLatitude());
  }
}
