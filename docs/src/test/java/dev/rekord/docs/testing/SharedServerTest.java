package dev.rekord.docs.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.rekord.test.RedisExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A server shared by the whole test run, as testing.md registers it. */
class SharedServerTest {

  // tag::shared[]
  @RegisterExtension
  static RedisExtension redis = RedisExtension.shared();
  // or RedisExtension.builder().shared(true).password("s3cret").build()
  // end::shared[]

  /** Another shared extension with the same settings, as a second test class would register it. */
  @RegisterExtension
  static RedisExtension sameSettings = RedisExtension.builder().shared(true).build();

  @RegisterExtension
  static RedisExtension otherSettings = RedisExtension.builder().shared(true).password("s3cret").build();

  @Test
  void equalSettingsShareOneServer() {
    assertEquals(redis.server().port(), sameSettings.server().port());
    assertNotEquals(redis.server().port(), otherSettings.server().port());
    assertEquals("redis://:s3cret@127.0.0.1:" + otherSettings.server().port(), otherSettings.server().url());
  }
}
