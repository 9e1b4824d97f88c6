package dev.rekord.internal.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.connection.Commands;
import dev.rekord.exception.RedisCommandException;
import dev.rekord.Rekord;
import dev.rekord.exception.RekordConnectionException;
import dev.rekord.test.RedisServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.util.SafeEncoder;

/** Connecting to real redis-server processes: plain, with a password, and to nothing. */
class ConnectionTest {

  private static RedisServer open;
  private static RedisServer secured;

  @BeforeAll
  static void startServers() {
    open = RedisServer.start();
    secured = RedisServer.builder().password("s3cret").start();
  }

  @AfterAll
  static void stopServers() {
    if (open != null) {
      open.close();
    }
    if (secured != null) {
      secured.close();
    }
  }

  @Test
  void connectsToAStandaloneServer() {
    try (Rekord rekord = Rekord.connect(open.url())) {
      assertFalse(rekord.connection().isCluster());
      assertEquals("PONG", rekord.connection().unwrap(UnifiedJedis.class).ping());
    }
  }

  /**
   * Rekord's connections speak RESP2 (Jedis would negotiate RESP3): the reply shape the search
   * engine reads from {@code FT.*} on every module version.
   */
  @Test
  void connectionsSpeakResp2() {
    try (Rekord rekord = Rekord.connect(open.url())) {
      String info = String.valueOf(rekord.connection().execute(
          dev.rekord.connection.Command.of("CLIENT", java.util.List.of(), java.util.List.of("INFO"))));
      assertTrue(info.contains(" resp=2"), info);
    }
  }

  @Test
  void deadPortIsAConnectionFailure() throws IOException {
    int deadPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      deadPort = socket.getLocalPort();
    }
    Rekord.Builder builder = Rekord.builder().host("127.0.0.1").port(deadPort).connectTimeout(Duration.ofSeconds(1));

    RekordConnectionException e = assertThrows(RekordConnectionException.class, builder::build);
    assertTrue(e.getMessage().contains(Integer.toString(deadPort)), e.getMessage());
  }

  @Test
  void authenticatesWithThePasswordFromTheUrl() {
    try (Rekord rekord = Rekord.connect("redis://:s3cret@127.0.0.1:" + secured.port())) {
      assertEquals("PONG", rekord.connection().unwrap(UnifiedJedis.class).ping());
    }
  }

  @Test
  void authenticatesWithBuilderSettings() {
    try (Rekord rekord = Rekord.builder().host(secured.host()).port(secured.port()).user("default").password("s3cret").build()) {
      assertEquals("PONG", rekord.connection().unwrap(UnifiedJedis.class).ping());
    }
  }

  @Test
  void wrongOrMissingPasswordIsAConnectionFailureAtBuild() {
    assertThrows(RekordConnectionException.class, () -> Rekord.connect("redis://:wrong@127.0.0.1:" + secured.port()));
    assertThrows(RekordConnectionException.class, () -> Rekord.connect("redis://127.0.0.1:" + secured.port()));
  }

  @Test
  void aMissingPasswordSaysHowToPassCredentials() {
    RekordConnectionException e =
        assertThrows(RekordConnectionException.class, () -> Rekord.connect("redis://127.0.0.1:" + secured.port()));
    assertTrue(e.getMessage().contains("requires authentication and no credentials were given"), e.getMessage());
    assertTrue(e.getMessage().contains("redis://user:password@host:port"), e.getMessage());
    assertTrue(e.getMessage().contains("NOAUTH"), e.getMessage());
  }

  @Test
  void databaseAndClientNameAreApplied() {
    try (Rekord rekord = Rekord.builder().url(open.url() + "/3").clientName("rekord-test").poolSize(2).build()) {
      rekord.connection().unwrap(UnifiedJedis.class).set("in-db-3", "x");
      Object clients = rekord.connection().unwrap(UnifiedJedis.class).executeCommand(new CommandArguments(Protocol.Command.CLIENT).add("LIST"));
      assertTrue(SafeEncoder.encode((byte[]) clients).contains("name=rekord-test"));
    }
    try (Rekord db0 = Rekord.connect(open.url())) {
      assertFalse(db0.connection().unwrap(UnifiedJedis.class).exists("in-db-3"));
      db0.connection().unwrap(UnifiedJedis.class).flushAll();
    }
  }

  @Test
  void errorRepliesBecomeRedisCommandExceptions() {
    try (Rekord rekord = Rekord.connect(open.url())) {
      rekord.connection().unwrap(UnifiedJedis.class).set("text", "abc");
      RedisCommandException e = assertThrows(RedisCommandException.class,
          () -> rekord.connection().executeOnce(Commands.incrBy("text", 1)));
      assertTrue(e.getMessage().contains("not an integer"), e.getMessage());
      rekord.connection().unwrap(UnifiedJedis.class).del("text");
    }
  }

  @Test
  void commandsOnAStoppedServerAreConnectionFailures() {
    RedisServer doomed = RedisServer.start();
    try (Rekord rekord = Rekord.builder().url(doomed.url()).socketTimeout(Duration.ofSeconds(1)).build()) {
      doomed.close();
      assertThrows(RekordConnectionException.class,
          () -> RedisCalls.call(() -> rekord.connection().unwrap(UnifiedJedis.class).ping()));
    } finally {
      doomed.close();
    }
  }
}
