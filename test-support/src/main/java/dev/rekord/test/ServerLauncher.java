package dev.rekord.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * Starts redis-server on a free loopback port and waits until it answers. A free port can be
 * taken by someone else between probing and binding, so a start that loses that race is retried.
 */
final class ServerLauncher {

    static final String HOST = "127.0.0.1";

    private static final int PORT_ATTEMPTS = 5;
    private static final int LOG_TAIL_LINES = 20;
    private static final long POLL_MILLIS = 20;
    // Short, so a probe stuck on a foreign listener does not delay noticing our process exited; a slow
    // answer only costs another round.
    private static final Duration PROBE_TIMEOUT = Duration.ofMillis(250);

    private final IntSupplier ports;

    /** @param ports chooses the port for each attempt; tests substitute a taken one to provoke a retry */
    ServerLauncher(IntSupplier ports) {
        this.ports = ports;
    }

    static RedisServer launch(ServerSettings settings) {
        return new ServerLauncher(ServerLauncher::freePort).start(settings);
    }

    RedisServer start(ServerSettings settings) {
        Path executable = Executables.system().locate("redis-server", "REDIS_SERVER", settings.executable());
        String password = settings.effectivePassword();
        for (int attempt = 1; ; attempt++) {
            int port = ports.getAsInt();
            int tlsPort = settings.tls() == null ? 0 : ports.getAsInt();
            Path directory = createDirectory();
            List<String> command = command(executable, port, tlsPort, directory, settings);
            RedisProcess process = RedisProcess.launch(command, directory);
            try {
                awaitReady(process, port, password, settings.startupTimeout());
                return new RedisServer(process, command, settings.startupTimeout(), HOST, port, tlsPort, password);
            } catch (PortTakenException e) {
                process.destroy();
                if (attempt == PORT_ATTEMPTS) {
                    throw new RedisStartupException("Another process took the free port chosen for redis-server "
                            + PORT_ATTEMPTS + " times in a row; is something grabbing loopback ports?");
                }
            } catch (RuntimeException e) {
                process.destroy();
                throw e;
            }
        }
    }

    /**
     * Runs {@code command} again in {@code directory} (a restart: same port, same files) and waits
     * until it answers; a port taken meanwhile by another process is an error, not a retry.
     */
    static RedisProcess relaunch(List<String> command, Path directory, int port, String password, Duration timeout) {
        RedisProcess process = RedisProcess.launch(command, directory);
        try {
            awaitReady(process, port, password, timeout);
            return process;
        } catch (PortTakenException e) {
            process.kill();
            throw new RedisStartupException("Port " + port + " was taken by another process before redis-server"
                    + " could be restarted on it");
        } catch (RuntimeException e) {
            process.kill();
            throw e;
        }
    }

    private static List<String> command(Path executable, int port, int tlsPort, Path directory,
            ServerSettings settings) {
        List<String> command = new ArrayList<>(List.of(executable.toString(),
                "--port", Integer.toString(port),
                "--bind", HOST,
                "--save", "",
                "--appendonly", "no",
                "--dir", directory.toString(),
                "--daemonize", "no"));
        if (settings.password() != null) {
            command.addAll(List.of("--requirepass", settings.password()));
        }
        ServerSettings.TlsFiles tls = settings.tls();
        if (tls != null) {
            // Beside the plain port, which the readiness probe and command() keep using.
            command.addAll(List.of("--tls-port", Integer.toString(tlsPort),
                    "--tls-cert-file", tls.certificate().toString(),
                    "--tls-key-file", tls.privateKey().toString(),
                    "--tls-ca-cert-file", tls.caCertificate().toString(),
                    "--tls-auth-clients", tls.requireClientCertificates() ? "yes" : "no"));
        }
        command.addAll(settings.extraArgs());
        return command;
    }

    private static void awaitReady(RedisProcess process, int port, String password, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String lastProblem = "no answer yet";
        while (true) {
            if (!process.isAlive()) {
                if (process.log().contains("Address already in use")) {
                    throw new PortTakenException();
                }
                throw failure(process, "redis-server exited with code " + process.exitValue() + " before it was ready.");
            }
            try (RespConnection connection = RespConnection.open(HOST, port, password, PROBE_TIMEOUT)) {
                connection.call("PING");
                if (!servedBy(connection, process)) {
                    throw new PortTakenException();
                }
                return;
            } catch (IOException e) {
                lastProblem = e.getMessage(); // connection refused while starting, or LOADING
            }
            if (System.nanoTime() - deadline > 0) {
                throw failure(process, "redis-server did not answer PING on port " + port + " within "
                        + timeout.toMillis() + " ms (last problem: " + lastProblem + ").");
            }
            sleep();
        }
    }

    /** Whether the server that answered is our process rather than one that won the port race. */
    private static boolean servedBy(RespConnection connection, RedisProcess process) throws IOException {
        String info = String.valueOf(connection.call("INFO", "server"));
        return info.contains("process_id:" + process.pid() + "\r\n");
    }

    private static RedisStartupException failure(RedisProcess process, String problem) {
        return new RedisStartupException(problem + System.lineSeparator()
                + "--- last lines of the redis-server log ---" + System.lineSeparator()
                + process.logTail(LOG_TAIL_LINES));
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not find a free loopback port", e);
        }
    }

    private static Path createDirectory() {
        try {
            return Files.createTempDirectory("rekord-redis-");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a temporary directory for redis-server", e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RedisStartupException("Interrupted while waiting for redis-server to start", e);
        }
    }

    /** The chosen port was taken by another process before redis-server could bind it. */
    private static final class PortTakenException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PortTakenException() {
            super(null, null, false, false);
        }
    }
}
