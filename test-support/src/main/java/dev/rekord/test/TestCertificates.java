package dev.rekord.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A throw-away certificate authority for TLS tests, made with the {@code openssl} command in a
 * temporary directory: a CA, a server certificate for {@code localhost} and {@code 127.0.0.1}, a
 * client certificate, and more on demand ({@link #issue}), with PKCS12 trust and key stores for
 * Java clients. Certificates are valid for two days; keys are EC P-256.
 *
 * <pre>{@code
 * try (TestCertificates certificates = TestCertificates.create();
 *      RedisServer server = RedisServer.builder()
 *          .tls(certificates.server().certificate(), certificates.server().privateKey(),
 *               certificates.caCertificate(), false)
 *          .start()) {
 *     connect(server.tlsUrl(), certificates.trustStore("changeit".toCharArray()));
 * }
 * }</pre>
 */
public final class TestCertificates implements AutoCloseable {

    private static final long OPENSSL_SECONDS = 30;

    private final Path directory;
    private final AtomicInteger issued = new AtomicInteger();
    private final CertificateFiles ca;
    private final CertificateFiles server;
    private final CertificateFiles client;

    /**
     * A certificate and its private key, both PEM files.
     *
     * @param certificate the certificate
     * @param privateKey its unencrypted PKCS#8 private key
     */
    public record CertificateFiles(Path certificate, Path privateKey) {
    }

    private TestCertificates(Path directory) {
        this.directory = directory;
        this.ca = new CertificateFiles(directory.resolve("ca.crt"), directory.resolve("ca.key"));
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", ca.privateKey().toString(), "-out", ca.certificate().toString(), "-days", "2",
                "-subj", "/CN=Rekord Test CA",
                "-addext", "basicConstraints=critical,CA:TRUE",
                "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        this.server = issue("localhost", "DNS:localhost", "IP:127.0.0.1");
        this.client = issue("rekord-test-client");
    }

    /**
     * Makes the CA, the server certificate and the client certificate.
     *
     * @return the certificates, in a new temporary directory
     * @throws IllegalStateException if {@code openssl} is missing or fails
     */
    public static TestCertificates create() {
        try {
            return new TestCertificates(Files.createTempDirectory("rekord-tls-"));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a directory for test certificates", e);
        }
    }

    /** @return the CA's certificate (PEM): what clients trust and client certificates are signed by */
    public Path caCertificate() {
        return ca.certificate();
    }

    /** @return a server certificate naming {@code localhost} and {@code 127.0.0.1}, signed by the CA */
    public CertificateFiles server() {
        return server;
    }

    /** @return a client certificate (for mutual TLS), signed by the CA */
    public CertificateFiles client() {
        return client;
    }

    /**
     * Issues another certificate signed by the CA, usable by servers and clients.
     *
     * @param commonName the subject's CN
     * @param subjectAltNames e.g. {@code "DNS:redis.example"}, {@code "IP:10.0.0.1"}; none for a
     *     certificate that names no host
     * @return its files
     */
    public CertificateFiles issue(String commonName, String... subjectAltNames) {
        String name = "cert-" + issued.incrementAndGet();
        CertificateFiles files = new CertificateFiles(directory.resolve(name + ".crt"), directory.resolve(name + ".key"));
        Path request = directory.resolve(name + ".csr");
        Path extensions = directory.resolve(name + ".ext");
        StringBuilder ext = new StringBuilder("basicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth,clientAuth\n");
        if (subjectAltNames.length > 0) {
            ext.append("subjectAltName=").append(String.join(",", subjectAltNames)).append('\n');
        }
        write(extensions, ext.toString());
        openssl("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", files.privateKey().toString(), "-out", request.toString(), "-subj", "/CN=" + commonName);
        openssl("x509", "-req", "-in", request.toString(), "-CA", ca.certificate().toString(),
                "-CAkey", ca.privateKey().toString(), "-set_serial", Long.toString(System.nanoTime()),
                "-days", "2", "-extfile", extensions.toString(), "-out", files.certificate().toString());
        return files;
    }

    /**
     * Writes a PKCS12 trust store holding the CA's certificate.
     *
     * @param password the store's password
     * @return the new file
     */
    public Path trustStore(char[] password) {
        try {
            KeyStore store = emptyStore();
            store.setCertificateEntry("rekord-test-ca", certificate(ca.certificate()));
            return save(store, "truststore", password);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not write a trust store: " + e.getMessage(), e);
        }
    }

    /**
     * Writes a PKCS12 key store holding {@code files}' private key with its certificate chain (the
     * certificate, then the CA's), protected by {@code password}.
     *
     * @param files a certificate of this CA
     * @param password the store's and the key's password
     * @return the new file
     */
    public Path keyStore(CertificateFiles files, char[] password) {
        try {
            KeyStore store = emptyStore();
            Certificate[] chain = {certificate(files.certificate()), certificate(ca.certificate())};
            store.setKeyEntry("rekord-test-key", privateKey(files.privateKey()), password, chain);
            return save(store, "keystore", password);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not write a key store: " + e.getMessage(), e);
        }
    }

    /** Deletes the directory with every key and certificate. */
    @Override
    public void close() {
        RedisProcess.deleteRecursively(directory);
    }

    private static KeyStore emptyStore() throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return store;
    }

    private Path save(KeyStore store, String kind, char[] password) throws GeneralSecurityException {
        Path file = directory.resolve(kind + "-" + issued.incrementAndGet() + ".p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        }
        return file;
    }

    private static Certificate certificate(Path pem) throws GeneralSecurityException {
        try (InputStream in = Files.newInputStream(pem)) {
            return CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + pem, e);
        }
    }

    private static PrivateKey privateKey(Path pem) throws GeneralSecurityException {
        String text = read(pem);
        if (!text.contains("-----BEGIN PRIVATE KEY-----")) {
            throw new IllegalStateException(pem + " is not an unencrypted PKCS#8 key");
        }
        String base64 = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    private void openssl(String... args) {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Path output = directory.resolve("openssl.log");
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!process.waitFor(OPENSSL_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("openssl did not finish in time: " + command);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("openssl failed (" + process.exitValue() + "): " + command + "\n"
                        + read(output));
            }
        } catch (IOException e) {
            throw new IllegalStateException("Could not run openssl (is it installed?): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running openssl", e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file, e);
        }
    }
}
