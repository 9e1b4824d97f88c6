package dev.rekord.test;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A real {@code redis-server} process on a free loopback port, for tests. It persists nothing and
 * lives in its own temporary directory; {@link #close()} stops it and deletes that directory.
 *
 * <pre>{@code
 * try (RedisServer server = RedisServer.start()) {
 *     connect(server.url());
 * }
 * }</pre>
 *
 * <p>Thread-safe. Servers still running when the JVM exits are stopped by a shutdown hook.
 */
public final class RedisServer implements RedisDeployment {

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);
    private static final long SHUTDOWN_WAIT_SECONDS = 5;

    private volatile RedisProcess process;
    private final List<String> command;
    private final Duration startupTimeout;
    private final String host;
    private final int port;
    private final int tlsPort;
    private final String password;
    private final AtomicBoolean closed = new AtomicBoolean();

    RedisServer(RedisProcess process, List<String> command, Duration startupTimeout, String host, int port,
            int tlsPort, String password) {
        this.process = process;
        this.command = List.copyOf(command);
        this.startupTimeout = startupTimeout;
        this.host = host;
        this.port = port;
        this.tlsPort = tlsPort;
        this.password = password;
    }

    /**
     * Starts a server with the defaults: no password, no extra arguments.
     *
     * @return the running server, already answering PING
     * @throws RedisStartupException if redis-server is missing or does not start
     */
    public static RedisServer start() {
        return builder().start();
    }

    /** @return a builder for a server with a password, extra arguments or a specific binary */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the loopback address the server listens on, {@code 127.0.0.1} */
    public String host() {
        return host;
    }

    /** @return the port the server listens on */
    public int port() {
        return port;
    }

    /**
     * @return the TLS port, when the server was started with {@link Builder#tls}
     * @throws IllegalStateException if it has none
     */
    public int tlsPort() {
        if (tlsPort == 0) {
            throw new IllegalStateException(this + " has no TLS port: start it with RedisServer.builder().tls(...)");
        }
        return tlsPort;
    }

    /**
     * @return {@code rediss://127.0.0.1:<tlsPort>}, with the password as in {@link #url()}
     * @throws IllegalStateException if the server has no TLS port
     */
    public String tlsUrl() {
        return "rediss://" + credentials() + host + ":" + tlsPort();
    }

    /** @return the password clients must authenticate with, if one is set */
    public Optional<String> password() {
        return Optional.ofNullable(password);
    }

    /**
     * @return {@code redis://127.0.0.1:<port>}, or {@code redis://:<password>@127.0.0.1:<port>}
     *     with the password percent-encoded
     */
    @Override
    public String url() {
        return "redis://" + credentials() + host + ":" + port;
    }

    private String credentials() {
        return password == null ? "" : ":" + percentEncode(password) + "@";
    }

    /** @throws UncheckedIOException if the server cannot be reached */
    @Override
    public void flushAll() {
        call("FLUSHALL");
    }

    /** @return whether the process is still running */
    public boolean isRunning() {
        return process.isAlive();
    }

    /**
     * Asks the server to shut down without saving, then terminates the process if it is still
     * there, and deletes its temporary directory.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (process.isAlive()) {
            requestShutdown();
            process.awaitExit(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS);
        }
        process.destroy();
    }

    /**
     * Kills the server process at once (SIGKILL), as a crash or a lost machine would: no shutdown,
     * no goodbye to clients or cluster peers. {@link #close()} still deletes its directory.
     */
    public void kill() {
        process.kill();
    }

    /**
     * Stops the server process (SIGSTOP) without ending it, as a machine that hangs or a network
     * that drops every packet would: connections stay open, commands are neither answered nor
     * refused, until {@link #resume()}.
     *
     * @throws IllegalStateException if the server is not running
     */
    public void suspend() {
        signal("STOP");
    }

    /** Lets a {@linkplain #suspend() suspended} server run again (SIGCONT); it answers what it was sent meanwhile. */
    public void resume() {
        signal("CONT");
    }

    private void signal(String name) {
        if (!process.isAlive()) {
            throw new IllegalStateException(this + " is not running");
        }
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start();
            if (!kill.waitFor(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not run kill -" + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while signalling " + this, e);
        }
    }

    /**
     * Starts a {@linkplain #kill() killed} server again, as an operator restarting a crashed
     * machine would: same port, same arguments, same directory, so a cluster node finds its
     * {@code nodes.conf} and rejoins the cluster under its old node id (a master whose slots were
     * taken over meanwhile comes back as a replica of the node that took them). Data is not kept:
     * these servers persist nothing, so a rejoining replica resynchronises from its master.
     *
     * @throws IllegalStateException if the server is still running or was closed
     * @throws RedisStartupException if it does not answer PING within the start-up timeout
     */
    public synchronized void restart() {
        if (closed.get()) {
            throw new IllegalStateException(this + " is closed");
        }
        if (process.isAlive()) {
            throw new IllegalStateException(this + " is still running: kill() it first");
        }
        RedisProcess old = process;
        process = ServerLauncher.relaunch(command, old.directory(), port, password, startupTimeout);
        OrphanReaper.forget(old);
    }

    /**
     * Runs one command on this server through a fresh authenticated connection, for tests that
     * drive a node directly ({@code CLUSTER NODES}, {@code INFO commandstats}, …).
     *
     * @param command the command and its arguments
     * @return the reply: a String, Long, List or null
     * @throws UncheckedIOException if the server cannot be reached or replies with an error
     */
    public Object command(String... command) {
        return call(command);
    }

    long pid() {
        return process.pid();
    }

    Path directory() {
        return process.directory();
    }

    /** Runs one command through a fresh authenticated connection. */
    Object call(String... command) {
        if (closed.get()) {
            throw new IllegalStateException(this + " is closed");
        }
        try (RespConnection connection = RespConnection.open(host, port, password, COMMAND_TIMEOUT)) {
            return connection.call(command);
        } catch (IOException e) {
            throw new UncheckedIOException(command[0] + " failed on " + this + ": " + e.getMessage(), e);
        }
    }

    private void requestShutdown() {
        try (RespConnection connection = RespConnection.open(host, port, password, COMMAND_TIMEOUT)) {
            connection.call("SHUTDOWN", "NOSAVE");
        } catch (EOFException expected) {
            // A successful SHUTDOWN closes the connection instead of replying.
        } catch (IOException e) {
            // The process is terminated below anyway.
        }
    }

    private static String percentEncode(String text) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (Character.isLetterOrDigit(c) && c < 128 || "-._~".indexOf(c) >= 0) {
                encoded.append(c);
            } else {
                encoded.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return encoded.toString();
    }

    @Override
    public String toString() {
        return "RedisServer[" + host + ":" + port + "]";
    }

    /** Configures a {@link RedisServer} before starting it. Not thread-safe; {@link #start()} may be called repeatedly. */
    public static final class Builder {

        private Path executable;
        private final List<String> extraArgs = new ArrayList<>();
        private String password;
        private Duration startupTimeout = Duration.ofSeconds(10);
        private ServerSettings.TlsFiles tls;

        Builder() {
        }

        /**
         * Opens a TLS port beside the plain one ({@link RedisServer#tlsPort()}, {@link
         * RedisServer#tlsUrl()}), serving {@code certificate}; {@link TestCertificates} makes a CA
         * and certificates for tests.
         *
         * @param certificate the server's certificate (PEM)
         * @param privateKey its private key (PEM)
         * @param caCertificate the CA that client certificates must be signed by (PEM)
         * @param requireClientCertificates whether clients must present one (mutual TLS)
         * @return this builder
         */
        public Builder tls(Path certificate, Path privateKey, Path caCertificate, boolean requireClientCertificates) {
            this.tls = new ServerSettings.TlsFiles(Objects.requireNonNull(certificate, "certificate"),
                    Objects.requireNonNull(privateKey, "privateKey"), Objects.requireNonNull(caCertificate, "caCertificate"),
                    requireClientCertificates);
            return this;
        }

        /**
         * Appends arguments passed to redis-server after Rekord's own ({@code --port}, {@code --bind},
         * {@code --save ""}, {@code --appendonly no}, {@code --dir}, {@code --daemonize no}), so
         * they can override them. A {@code --requirepass} given here is also used as the password.
         *
         * @param args e.g. {@code "--maxmemory", "64mb"}
         * @return this builder
         */
        public Builder args(String... args) {
            extraArgs.addAll(Arrays.asList(args));
            return this;
        }

        /**
         * Loads a Redis module at startup ({@code --loadmodule path args…}), e.g. the Redis Query
         * Engine; may be called once per module.
         *
         * @param path the module's shared library ({@code .so}); it must exist
         * @param moduleArgs the module's own arguments, e.g. {@code "TIMEOUT", "0"}
         * @return this builder
         * @throws IllegalArgumentException when {@code path} is not a readable file
         */
        public Builder module(Path path, String... moduleArgs) {
            extraArgs.addAll(RedisModules.loadArguments(path, moduleArgs));
            return this;
        }

        /**
         * Requires clients to authenticate ({@code --requirepass}); {@link RedisServer#url()} then
         * includes the password.
         *
         * @param password the password
         * @return this builder
         */
        public Builder password(String password) {
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /**
         * Uses this redis-server binary instead of looking one up in {@code REDIS_SERVER}, the
         * PATH, {@code /usr/bin} and {@code /usr/local/bin}.
         *
         * @param executable path to redis-server
         * @return this builder
         */
        public Builder executable(Path executable) {
            this.executable = Objects.requireNonNull(executable, "executable");
            return this;
        }

        /**
         * @param timeout how long to wait for the server to answer PING; 10 seconds by default
         * @return this builder
         */
        public Builder startupTimeout(Duration timeout) {
            this.startupTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * Starts the server on a free loopback port and waits until it answers PING.
         *
         * @return the running server
         * @throws RedisStartupException if redis-server is missing, fails, or times out
         */
        public RedisServer start() {
            return ServerLauncher.launch(settings());
        }

        ServerSettings settings() {
            return new ServerSettings(executable, extraArgs, password, startupTimeout, tls);
        }
    }
}
