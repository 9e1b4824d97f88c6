package dev.rekord.internal.connection;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;

/**
 * Says what went wrong with a connection in words a person can act on: Jedis' "Failed to create
 * socket." hides a TLS handshake that failed because the server's certificate is not trusted,
 * names another host, or the server wants a client certificate.
 */
final class ConnectionFailures {
  private ConnectionFailures() {}

  /** The message of {@code failure}, with the TLS problem and its fix when there is one. */
  static String describe(Throwable failure) {
    if (failure == null) {
      return "no node answered";
    }
    String message = failure.getMessage();
    String tls = tlsProblem(failure);
    return tls == null ? message : message + " " + tls;
  }

  /**
   * The message of a failure to set up a connection; over TLS ({@code tls}), a connection the
   * server closed at once is explained too: with TLS 1.3 a server that wants a client certificate
   * closes the connection after the handshake, which the client sees as a broken pipe or an end of
   * stream, not as a handshake failure.
   */
  static String describeSetUp(Throwable failure, boolean tls) {
    String described = describe(failure);
    if (!tls || failure == null || tlsProblem(failure) != null || !closedByPeer(failure)) {
      return described;
    }
    return described + " TLS: the server closed the connection as it was set up: it may require a client"
        + " certificate (mutual TLS: Rekord.builder().keyStore(path, password)), or not speak TLS on this port.";
  }

  private static boolean closedByPeer(Throwable failure) {
    for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
      String message = cause.getMessage();
      if (message != null && (message.contains("Broken pipe") || message.contains("Connection reset")
          || message.contains("Unexpected end of stream"))) {
        return true;
      }
    }
    return false;
  }

  /** The TLS problem behind {@code failure}, or {@code null} when it is not one. */
  static String tlsProblem(Throwable failure) {
    SSLException ssl = null;
    CertificateException certificate = null;
    boolean untrusted = false;
    for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
      if (ssl == null && cause instanceof SSLException e) {
        ssl = e;
      }
      if (certificate == null && cause instanceof CertificateException e) {
        certificate = e;
      }
      if (cause instanceof CertPathBuilderException || cause instanceof CertPathValidatorException) {
        untrusted = true;
      }
    }
    if (ssl == null && certificate == null) {
      return null;
    }
    String detail = (certificate != null ? certificate : ssl).getMessage();
    if (untrusted) {
      return "TLS handshake failed: the server's certificate is not trusted (" + detail + "). Give Rekord the"
          + " CA that signed it: Rekord.builder().trustStore(path, password), or sslContext(...).";
    }
    if (certificate != null && detail != null && (detail.contains("subject alternative") || detail.contains("No name matching"))) {
      return "TLS handshake failed: the server's certificate does not name the host connected to (" + detail
          + "). Connect with a host name the certificate names (host name verification is on).";
    }
    if (detail != null && (detail.contains("certificate_required") || detail.contains("bad_certificate")
        || detail.contains("unknown_ca"))) {
      return "TLS handshake failed: the server refused the client certificate or wants one (" + detail
          + "). For mutual TLS give Rekord a key store with a certificate the server trusts:"
          + " Rekord.builder().keyStore(path, password).";
    }
    return "TLS handshake failed (" + detail + ").";
  }
}
