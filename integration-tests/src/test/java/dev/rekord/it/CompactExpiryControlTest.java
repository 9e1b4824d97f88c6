package dev.rekord.it;

import dev.rekord.Rekord;
import dev.rekord.model.IndexLayout;

/** {@link ExpiryControlTest} with {@link IndexLayout#COMPACT}, on the standalone server and the cluster. */
class CompactExpiryControlTest extends ExpiryControlTest {
  @Override
  Rekord.Builder builder(RedisTarget target) {
    return super.builder(target).indexLayout(IndexLayout.COMPACT);
  }
}
