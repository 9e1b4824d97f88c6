package dev.rekord.internal.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.Rekord;
import dev.rekord.connection.Command;
import dev.rekord.exception.RekordConnectionException;
import dev.rekord.annotations.Storage;
import dev.rekord.Member;
import dev.rekord.Member_;
import dev.rekord.RekordRepository;
import dev.rekord.TestModel;
import dev.rekord.test.RedisServer;
import dev.rekord.test.TestCertificates;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code rediss://} against real TLS redis-servers whose certificates a throw-away CA signed: a
 * trust store or an {@link SSLContext} given to the builder works end to end; an untrusted
 * certificate, a certificate for another host and a missing client certificate (mutual TLS) fail
 * at connect time with a {@link RekordConnectionException} that names the TLS problem.
 */
class TlsTest {

  private static final char[] PASSWORD = "changeit".toCharArray();

  private static TestCertificates certificates;
  private static RedisServer server;
  private static RedisServer wrongHost;
  private static RedisServer mutual;
  private static Path trustStore;

  @BeforeAll
  static void start() {
    certificates = TestCertificates.create();
    trustStore = certificates.trustStore(PASSWORD);
    Path ca = certificates.caCertificate();
    server = RedisServer.builder()
        .tls(certificates.server().certificate(), certificates.server().privateKey(), ca, false).start();
    TestCertificates.CertificateFiles other = certificates.issue("redis.example", "DNS:redis.example");
    wrongHost = RedisServer.builder().tls(other.certificate(), other.privateKey(), ca, false).start();
    mutual = RedisServer.builder()
        .tls(certificates.server().certificate(), certificates.server().privateKey(), ca, true).start();
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable closeable : new AutoCloseable[] {server, wrongHost, mutual, certificates}) {
      try {
        if (closeable != null) {
          closeable.close();
        }
      } catch (Exception e) {
        // best effort
      }
    }
  }

  @Test
  void aTrustStoreGivenToTheBuilderWorksEndToEnd() {
    try (Rekord rekord = Rekord.builder().url(server.tlsUrl()).trustStore(trustStore, PASSWORD).build()) {
      exercise(rekord);
    }
  }

  @Test
  void anSslContextGivenToTheBuilderWorksEndToEnd() throws Exception {
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(trustStore)) {
      trusted.load(in, PASSWORD);
    }
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trusted);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    try (Rekord rekord = Rekord.builder().url(server.tlsUrl()).sslContext(context).build()) {
      exercise(rekord);
    }
  }

  @Test
  void anUntrustedCertificateIsAClearConnectionFailure() {
    // The JVM's trust store does not know the test CA.
    RekordConnectionException e = assertThrows(RekordConnectionException.class,
        () -> Rekord.builder().url(server.tlsUrl()).connectTimeout(Duration.ofSeconds(2)).build());
    assertTrue(e.getMessage().contains("TLS") && e.getMessage().contains("certificate is not trusted"), e.getMessage());
    assertTrue(e.getMessage().contains("trustStore"), e.getMessage());
  }

  @Test
  void aCertificateForAnotherHostIsRejected() {
    RekordConnectionException e = assertThrows(RekordConnectionException.class,
        () -> Rekord.builder().url(wrongHost.tlsUrl()).trustStore(trustStore, PASSWORD).build());
    assertTrue(e.getMessage().contains("TLS") && e.getMessage().contains("does not name the host"), e.getMessage());
    // Only with host name verification turned off does the same certificate do.
    try (Rekord rekord = Rekord.builder().url(wrongHost.tlsUrl()).trustStore(trustStore, PASSWORD)
        .verifyHostname(false).build()) {
      assertEquals("PONG", rekord.connection().execute(Command.of("PING", List.of(), List.of())));
    }
  }

  @Test
  void mutualTlsNeedsTheClientCertificate() {
    RekordConnectionException e = assertThrows(RekordConnectionException.class,
        () -> Rekord.builder().url(mutual.tlsUrl()).trustStore(trustStore, PASSWORD).build());
    assertTrue(e.getMessage().contains("TLS") && e.getMessage().contains("client certificate"), e.getMessage());
    Path keyStore = certificates.keyStore(certificates.client(), PASSWORD);
    try (Rekord rekord = Rekord.builder().url(mutual.tlsUrl()).trustStore(trustStore, PASSWORD)
        .keyStore(keyStore, PASSWORD).build()) {
      exercise(rekord);
    }
  }

  @Test
  void tlsSettingsWithoutTlsAreRefused() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Rekord.builder().url(server.url()).trustStore(trustStore, PASSWORD).build());
    assertTrue(e.getMessage().contains("rediss://"), e.getMessage());
  }

  @Test
  void aWrongTrustStorePasswordIsNamed() {
    RekordConnectionException e = assertThrows(RekordConnectionException.class,
        () -> Rekord.builder().url(server.tlsUrl()).trustStore(trustStore, "wrong".toCharArray()).build());
    assertTrue(e.getMessage().contains("trust store") && e.getMessage().contains(trustStore.toString()), e.getMessage());
  }

  private static void exercise(Rekord rekord) {
    RekordRepository<Member, String> members =
        TestModel.repository(rekord, TestModel.stringIds("tls", Storage.HASH, Duration.ZERO));
    members.save(new Member("ada", "Oslo", 36, List.of("red")));
    members.save(new Member("bob", "Bergen", 41, List.of()));
    assertEquals("Oslo", members.findById("ada").orElseThrow().city());
    assertEquals(List.of("ada"), members.find(Member_.city.eq("Oslo")).ids());
    assertEquals(2, members.count());
    members.findAll().deleteAll();
  }
}
