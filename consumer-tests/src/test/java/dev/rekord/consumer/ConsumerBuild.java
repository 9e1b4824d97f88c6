package dev.rekord.consumer;

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
 * Consumer projects laid out under {@code target/consumers} and built by one Maven run, as a
 * user's build would: the same Maven and JDK as the outer build, its local repository (where
 * {@code mvn install} has just put Rekord) and its offline setting.
 */
final class ConsumerBuild {

    /** The consumer-tests module: Surefire runs tests in it. */
    static final Path MODULE = Path.of("").toAbsolutePath();
    static final Path ROOT = MODULE.getParent();
    static final Path PROJECTS = MODULE.resolve("src/test/projects");

    private static final long TIMEOUT_MINUTES = 8;

    private final Path work;
    private final List<String> modules = new ArrayList<>();

    private ConsumerBuild(Path work) {
        this.work = work;
    }

    /** A fresh, empty {@code target/consumers}. */
    static ConsumerBuild create() {
        Path work = MODULE.resolve("target/consumers");
        deleteTree(work);
        return new ConsumerBuild(work);
    }

    /** Adds a project (a module of the one build) and returns its directory. */
    Path project(String name) {
        modules.add(name);
        return work.resolve(name);
    }

    /** The directory of a project added earlier. */
    Path dir(String name) {
        return work.resolve(name);
    }

    static String property(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank() || value.startsWith("${")) {
            throw new IllegalStateException("System property " + name + " is not set; run these tests through"
                    + " Maven (consumer-tests/pom.xml passes it to Surefire)");
        }
        return value;
    }

    static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies {@code from}'s files into {@code to}, replacing {@code @rekord.version@} in each. */
    static void copyTree(Path from, Path to) {
        String version = property("consumer.rekordVersion");
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                write(to.resolve(from.relativize(file).toString()), text.replace("@rekord.version@", version));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code mvn test} over every project, going on past failures; returns the log. */
    Path run() throws IOException, InterruptedException {
        StringBuilder aggregator = new StringBuilder("""
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>consumer</groupId>
                  <artifactId>consumers</artifactId>
                  <version>1</version>
                  <packaging>pom</packaging>
                  <modules>
                """);
        modules.forEach(module -> aggregator.append("    <module>").append(module).append("</module>\n"));
        aggregator.append("  </modules>\n</project>\n");
        write(work.resolve("pom.xml"), aggregator.toString());

        List<String> command = new ArrayList<>(List.of(
                Path.of(property("consumer.mavenHome"), "bin", "mvn").toString(),
                "-B", "-ntp", "--fail-at-end",
                "-Dmaven.repo.local=" + property("consumer.localRepository")));
        if (property("consumer.offline").equals("mode:true")) { // the outer build's -o
            command.add("--offline");
        }
        command.add("test");
        Path log = work.resolve("build.log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        // Maven's own JVM lives for one short build: the quick JIT tier starts it faster. The
        // projects' builds (their compilers and Surefire forks) are left as a user's would run.
        builder.environment().put("MAVEN_OPTS", "-XX:TieredStopAtLevel=1");
        Process process = builder.start();
        if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("The consumer build did not finish in " + TIMEOUT_MINUTES + " minutes:\n"
                    + tail(log));
        }
        return log;
    }

    /** The last lines of a log, for failure messages. */
    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
