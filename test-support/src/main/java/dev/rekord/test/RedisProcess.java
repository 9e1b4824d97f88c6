package dev.rekord.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One OS process with its own temporary directory, whose output goes to a log file there.
 * {@link #destroy()} ends the process and deletes the directory; it is safe to call twice.
 */
final class RedisProcess {

    private static final long EXIT_WAIT_SECONDS = 5;

    private final Process process;
    private final Path directory;
    private final Path log;

    private RedisProcess(Process process, Path directory, Path log) {
        this.process = process;
        this.directory = directory;
        this.log = log;
    }

    /** Starts {@code command} in {@code directory}, sending stdout and stderr to a log file there. */
    static RedisProcess launch(List<String> command, Path directory) {
        Path log = directory.resolve("redis.log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        try {
            RedisProcess started = new RedisProcess(builder.start(), directory, log);
            OrphanReaper.track(started);
            return started;
        } catch (IOException e) {
            deleteRecursively(directory);
            throw new RedisStartupException("Could not run " + command.get(0) + ": " + e.getMessage(), e);
        }
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    int exitValue() {
        return process.exitValue();
    }

    Path directory() {
        return directory;
    }

    /** Waits up to the given time for the process to exit on its own. */
    boolean awaitExit(long timeout, TimeUnit unit) {
        try {
            return process.waitFor(timeout, unit);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The whole log so far, or an empty string if it cannot be read. */
    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException | UncheckedIOException e) {
            return "";
        }
    }

    /** The last lines of the log, for error messages. */
    String logTail(int lines) {
        List<String> all = new ArrayList<>(List.of(log().split("\\R")));
        return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** Kills the process at once (SIGKILL), as a crash would; keeps its directory. */
    void kill() {
        process.destroyForcibly();
        awaitExit(EXIT_WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** Terminates the process (politely, then forcibly) and deletes its directory. */
    void destroy() {
        if (process.isAlive()) {
            process.destroy();
            if (!awaitExit(EXIT_WAIT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                awaitExit(EXIT_WAIT_SECONDS, TimeUnit.SECONDS);
            }
        }
        deleteRecursively(directory);
        OrphanReaper.forget(this);
    }

    static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // Best effort: a leftover file in the temp directory must not fail a test run.
        }
    }
}
