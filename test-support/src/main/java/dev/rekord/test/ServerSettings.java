package dev.rekord.test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything that determines how a server is started. A value: equal settings may share one
 * server (see {@link RedisExtension#shared()}).
 *
 * @param executable the redis-server binary, or {@code null} to look it up
 * @param extraArgs arguments appended after the ones Rekord sets
 * @param password the password clients use, or {@code null}
 * @param startupTimeout how long to wait for the server to answer PING
 * @param tls the TLS port's certificate files, or {@code null} for no TLS port
 */
record ServerSettings(Path executable, List<String> extraArgs, String password, Duration startupTimeout,
        TlsFiles tls) {

    ServerSettings {
        extraArgs = List.copyOf(extraArgs);
    }

    ServerSettings(Path executable, List<String> extraArgs, String password, Duration startupTimeout) {
        this(executable, extraArgs, password, startupTimeout, null);
    }

    /**
     * What a TLS port serves: the server's certificate and key, the CA its clients' certificates
     * must be signed by, and whether clients must present one.
     */
    record TlsFiles(Path certificate, Path privateKey, Path caCertificate, boolean requireClientCertificates) {
    }

    /** The explicit password, else the value given to {@code --requirepass} in the extra arguments. */
    String effectivePassword() {
        if (password != null) {
            return password;
        }
        int index = extraArgs.lastIndexOf("--requirepass");
        return index >= 0 && index + 1 < extraArgs.size() ? extraArgs.get(index + 1) : null;
    }
}
