package dev.rekord;

import static dev.rekord.ReadChecks.data;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rekord.annotations.Storage;
import dev.rekord.internal.connection.ConfiguredConnection;
import dev.rekord.test.RedisExtension;
import dev.rekord.test.RedisServer;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.UnifiedJedis;

/**
 * Large reads send each pipeline of documents before the chunk before it is decoded, so the server
 * reads while the client decodes. Decoding a chunk can need the server itself: a key of another
 * type (its type is asked), a document gone since its id was read (read again, then unindexed).
 * On a pool of one connection that is the connection the pipeline sent ahead holds: the thread
 * reads that pipeline first, and nothing waits for ever.
 */
@ExtendWith(RedisExtension.class)
class ReadAheadTest {

  /** Three pipelines of documents (5,000 each). */
  private static final int DOCUMENTS = 12_000;

  @Test
  @Timeout(60) // a thread waiting for the connection it holds itself waits for ever: interrupted, it fails
  void largeReadsThatNeedTheServerWhileDecodingFinishOnAPoolOfOneConnection(RedisServer server) {
    try (Rekord rekord = Rekord.builder().url(server.url()).buckets(1).poolSize(1).build()) {
      RekordRepository<Member, String> members =
          TestModel.repository(rekord, TestModel.stringIds("ahead", Storage.HASH, Duration.ZERO));
      List<Member> data = data(DOCUMENTS, 5);
      members.saveAll(data);
      UnifiedJedis jedis = rekord.connection().unwrap(UnifiedJedis.class);
      List<String> ids = data.stream().map(Member::id).toList();
      List<Member> readable = data.stream().filter(m -> !Set.of("m00100", "m00200", "m06100").contains(m.id())).toList();

      jedis.set(members.keyOf("m00200"), "not a hash"); // in the first pipeline
      BatchRead<String, Member> byId = members.findAllById(ids);
      assertEquals(data.stream().filter(m -> !m.id().equals("m00200")).toList(), byId.values());
      assertEquals(Set.of("m00200"), byId.failures().keySet());

      jedis.del(members.keyOf("m00100"), members.keyOf("m06100")); // in the first and second pipelines
      BatchRead<String, Member> listed = members.findAll().read();
      assertEquals(readable, listed.values());
      assertEquals(Set.of("m00200"), listed.failures().keySet());
      assertEquals(List.of("m00100", "m06100"), listed.missing());
      assertEquals(DOCUMENTS - 2, members.count(), "the documents gone behind Rekord's back were unindexed");

      assertEquals(0, rekord.connection().unwrap(ConfiguredConnection.class).poolStats().active());
    }
  }
}
