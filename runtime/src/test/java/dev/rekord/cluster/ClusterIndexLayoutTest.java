package dev.rekord.cluster;

import dev.rekord.IndexLayoutTest;
import dev.rekord.test.RedisServer;
import org.junit.jupiter.api.BeforeEach;

/**
 * {@link IndexLayoutTest} on a real 3-master/3-replica cluster, emptied before each test: a layout
 * change rebuilt by {@code migrate()} either way, on keys spread over the masters.
 */
class ClusterIndexLayoutTest extends IndexLayoutTest {

  @BeforeEach
  void empty() {
    SharedCluster.get().flushAll();
  }

  @Override
  protected String url(RedisServer unused) {
    return SharedCluster.get().seedUrl();
  }
}
