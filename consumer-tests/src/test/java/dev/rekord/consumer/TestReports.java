package dev.rekord.consumer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Surefire XML reports of one consumer project, added up: what actually ran, which a build's
 * "BUILD SUCCESS" alone does not say (Surefire 2.12 runs no JUnit 5 test and still succeeds).
 */
record TestReports(int tests, int failures, int errors, int skipped) {

    private static final Pattern SUITE = Pattern.compile("<testsuite\\b[^>]*>");

    static TestReports of(Path project) {
        Path dir = project.resolve("target/surefire-reports");
        int tests = 0;
        int failures = 0;
        int errors = 0;
        int skipped = 0;
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path report : files.filter(f -> f.getFileName().toString().matches("TEST-.*\\.xml")).toList()) {
                    Matcher suite = SUITE.matcher(Files.readString(report));
                    if (!suite.find()) {
                        throw new IllegalStateException("No <testsuite> in " + report);
                    }
                    tests += count(suite.group(), "tests", report);
                    errors += count(suite.group(), "errors", report);
                    skipped += count(suite.group(), "skipped", report);
                    failures += count(suite.group(), "failures", report);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new TestReports(tests, failures, errors, skipped);
    }

    private static int count(String suite, String attribute, Path report) {
        Matcher value = Pattern.compile("\\s" + attribute + "=\"(\\d+)\"").matcher(suite);
        if (!value.find()) {
            throw new IllegalStateException("No " + attribute + " count in " + report);
        }
        return Integer.parseInt(value.group(1));
    }

    boolean allPassed(int expectedTests) {
        return tests == expectedTests && failures == 0 && errors == 0 && skipped == 0;
    }
}
