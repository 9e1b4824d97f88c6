package dev.rekord.internal.connection;

import dev.rekord.exception.RekordConnectionException;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/**
 * How a TLS connection ({@code rediss://}) trusts the server and proves who the client is: the
 * JVM's trust store by default, or a trust store file, a client key store for mutual TLS, or a
 * ready {@link SSLContext}. The server's certificate must name the host Rekord connects to
 * (host name verification) unless it is turned off. Immutable; built by {@code Rekord.Builder}
 * from its TLS settings.
 */
public final class TlsOptions {

  /** The JVM's trust store ({@code javax.net.ssl.trustStore} or the JDK's), no client certificate. */
  public static final TlsOptions DEFAULT = new TlsOptions(null, null, null, true);

  private final Store trustStore;
  private final Store keyStore;
  private final SSLContext sslContext;
  private final boolean verifyHostname;

  private TlsOptions(Store trustStore, Store keyStore, SSLContext sslContext, boolean verifyHostname) {
    this.trustStore = trustStore;
    this.keyStore = keyStore;
    this.sslContext = sslContext;
    this.verifyHostname = verifyHostname;
  }

  /**
   * Trusts the certificates in {@code path} (PKCS12 or JKS, recognised from the file) instead of
   * the JVM's trust store: typically the CA that signed the server's certificate.
   */
  public TlsOptions withTrustStore(Path path, char[] password) {
    return new TlsOptions(new Store(path, password), keyStore, sslContext, verifyHostname);
  }

  /**
   * Presents the private key and certificate in {@code path} (PKCS12 or JKS) to a server that asks
   * for a client certificate (mutual TLS, {@code tls-auth-clients yes}).
   */
  public TlsOptions withKeyStore(Path path, char[] password) {
    return new TlsOptions(trustStore, new Store(path, password), sslContext, verifyHostname);
  }

  /** Uses {@code context} as it is (trust and key material of the caller's choosing). */
  public TlsOptions withSslContext(SSLContext context) {
    return new TlsOptions(trustStore, keyStore, Objects.requireNonNull(context, "sslContext"), verifyHostname);
  }

  /**
   * Whether the server's certificate must name the host Rekord connects to ({@code true} by
   * default). Turning it off accepts any certificate the trust store trusts, for any host.
   */
  public TlsOptions withHostnameVerification(boolean verify) {
    return new TlsOptions(trustStore, keyStore, sslContext, verify);
  }

  public boolean verifiesHostname() {
    return verifyHostname;
  }

  /** Whether anything differs from {@link #DEFAULT}. */
  public boolean isCustomized() {
    return trustStore != null || keyStore != null || sslContext != null || !verifyHostname;
  }

  /**
   * @throws IllegalStateException when both an {@link SSLContext} and key or trust stores are set
   */
  void validate() {
    if (sslContext != null && (trustStore != null || keyStore != null)) {
      throw new IllegalStateException("TLS: give either an SSLContext or trust/key stores, not both"
          + " (an SSLContext already holds its trust and key material)");
    }
  }

  /** The context to open TLS sockets with. */
  SSLContext context() {
    if (sslContext != null) {
      return sslContext;
    }
    try {
      TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trustStore == null ? null : trustStore.load("trust store"));
      KeyManagerFactory keys = null;
      if (keyStore != null) {
        keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keyStore.load("key store"), keyStore.password);
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new RekordConnectionException("TLS: cannot set up the SSLContext: " + e.getMessage(), e);
    }
  }

  /** The socket parameters: host name verification as HTTPS does it (DNS and IP names). */
  SSLParameters parameters() {
    SSLParameters parameters = new SSLParameters();
    parameters.setEndpointIdentificationAlgorithm(verifyHostname ? "HTTPS" : null);
    return parameters;
  }

  @Override
  public String toString() {
    return "TlsOptions[trustStore=" + (trustStore == null ? "JVM default" : trustStore.path)
        + ", keyStore=" + (keyStore == null ? "none" : keyStore.path)
        + (sslContext == null ? "" : ", sslContext=" + sslContext.getProtocol())
        + ", verifyHostname=" + verifyHostname + "]";
  }

  /** A key or trust store file and its password. */
  private static final class Store {
    final Path path;
    final char[] password;

    Store(Path path, char[] password) {
      this.path = Objects.requireNonNull(path, "path");
      this.password = password == null ? null : password.clone();
    }

    KeyStore load(String what) {
      try {
        return KeyStore.getInstance(path.toFile(), password); // PKCS12 or JKS, from the file
      } catch (IOException | GeneralSecurityException e) {
        throw new RekordConnectionException("TLS: cannot read the " + what + " " + path + " (PKCS12 or JKS,"
            + " with its password): " + e.getMessage(), e);
      }
    }
  }
}
