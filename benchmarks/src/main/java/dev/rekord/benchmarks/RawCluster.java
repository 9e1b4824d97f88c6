package dev.rekord.benchmarks;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import redis.clients.jedis.ClusterPipeline;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClusterClient;

/**
 * The cluster baseline for loads: what a team without Rekord would write to load the same
 * documents and index entries into a Redis Cluster — per document {@code HSET} and the four {@code
 * ZADD}s of Rekord's own layout ({@link RawJedis#saveAllSameLayout}), its keys under one of
 * {@value #TAGS} hash tags (as Rekord's 16 buckets spread a model over the masters), one Jedis
 * {@code ClusterPipeline} per batch of {@value RawJedis#BATCH} documents, into sorted sets first
 * filled with the data set's entries ({@link #indexSameLayout}). Not atomic per document, not
 * exact on updates.
 */
final class RawCluster implements AutoCloseable {
  private static final int TAGS = 16;

  private final RedisClusterClient client;

  RawCluster(List<String> nodes) {
    Set<HostAndPort> seeds = new HashSet<>();
    for (String node : nodes) {
      seeds.add(HostAndPort.from(node));
    }
    this.client = RedisClusterClient.builder().nodes(seeds).build();
  }

  /** {@code HSET} and four {@code ZADD}s per document, pipelined over the masters in batches. */
  void saveAllSameLayout(List<Member> members) {
    pipelined(members, true);
  }

  /**
   * The four {@code ZADD}s of {@code members} without their documents: the data set's entries, so
   * that {@link #saveAllSameLayout} inserts into sorted sets as large as Rekord's (as {@link
   * RawJedis#indexSameLayout} does on a standalone server).
   */
  void indexSameLayout(List<Member> members) {
    pipelined(members, false);
  }

  private void pipelined(List<Member> members, boolean documents) {
    for (int from = 0; from < members.size(); from += RawJedis.BATCH) {
      try (ClusterPipeline p = client.pipelined()) {
        for (Member m : members.subList(from, Math.min(from + RawJedis.BATCH, members.size()))) {
          String tag = "{raw" + Math.floorMod(m.id().hashCode(), TAGS) + "}";
          if (documents) {
            p.hset(tag + ":" + m.id(), Dataset.hash(m));
          }
          RawJedis.addSameEntries(p, tag + "#", m);
        }
        p.sync();
      }
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
