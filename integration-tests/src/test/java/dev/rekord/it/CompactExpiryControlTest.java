package dev.rekord.it;

import dev.rekord.Rekord;
import dev.rekord.model.IndexLayout;
import java.util.List;

/** {@link ExpiryControlTest} with {@link IndexLayout#COMPACT}, on the standalone server (the layout's only home). */
class CompactExpiryControlTest extends ExpiryControlTest {
  @Override
  List<RedisTarget> targets() {
    return List.of(new RedisTarget(redis.server()));
  }

  @Override
  Rekord.Builder builder(RedisTarget target) {
    return super.builder(target).indexLayout(IndexLayout.COMPACT);
  }
}
