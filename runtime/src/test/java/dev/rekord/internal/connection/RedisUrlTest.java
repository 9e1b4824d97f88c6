package dev.rekord.internal.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedisUrlTest {

  @Test
  void hostOnlyUsesTheDefaultPort() {
    RedisUrl url = RedisUrl.parse("redis://cache.local");
    assertEquals(List.of(new RedisNode("cache.local", 6379)), url.nodes());
    assertFalse(url.ssl());
    assertNull(url.user());
    assertNull(url.password());
    assertNull(url.database());
  }

  @Test
  void fullUrl() {
    RedisUrl url = RedisUrl.parse("rediss://app:p%40ss%3Aw0rd+@redis.example.com:6380/4");
    assertTrue(url.ssl());
    assertEquals(List.of(new RedisNode("redis.example.com", 6380)), url.nodes());
    assertEquals("app", url.user());
    assertEquals("p@ss:w0rd+", url.password());
    assertEquals(4, url.database());
  }

  @Test
  void userInfoWithoutColonOrWithEmptyUserIsAPassword() {
    assertEquals("secret", RedisUrl.parse("redis://secret@h:1").password());
    RedisUrl url = RedisUrl.parse("redis://:secret@h:1");
    assertNull(url.user());
    assertEquals("secret", url.password());
  }

  @Test
  void seedListNamesEveryNode() {
    RedisUrl url = RedisUrl.parse("redis://:pw@h1:7000,h2:7001, h3/");
    assertEquals(
        List.of(new RedisNode("h1", 7000), new RedisNode("h2", 7001), new RedisNode("h3", 6379)),
        url.nodes());
    assertEquals("pw", url.password());
    assertNull(url.database());
  }

  @Test
  void ipv6HostsAreInBrackets() {
    assertEquals(List.of(new RedisNode("::1", 7000)), RedisUrl.parse("redis://[::1]:7000").nodes());
    assertEquals(List.of(new RedisNode("::1", 6379)), RedisUrl.parse("redis://[::1]").nodes());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "http://h:1", "h:1", "redis://", "redis://h:port", "redis://h:0", "redis://h:70000",
      "redis://h:1/x", "redis://h:1/-1", "redis://h1:1,,h2:2"})
  void malformedUrlsAreRejected(String text) {
    assertThrows(IllegalArgumentException.class, () -> RedisUrl.parse(text));
  }

  @Test
  void errorsNeverShowThePassword() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> RedisUrl.parse("redis://u:hunter2@h:port"));
    assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    assertTrue(e.getMessage().contains("redis://***@h:port"), e.getMessage());
  }
}
