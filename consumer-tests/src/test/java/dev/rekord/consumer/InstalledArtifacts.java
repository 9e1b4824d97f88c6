package dev.rekord.consumer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Rekord artifacts in the local repository, which consumer builds resolve. They must be the
 * ones this build produced ({@code mvn install}); after {@code mvn verify} they may be stale, and
 * a consumer build against them would prove nothing about this checkout.
 */
final class InstalledArtifacts {

    /** Module directory → artifactId of the artifacts consumer projects use. */
    private static final List<String[]> JARS = List.of(
            new String[] {"annotations", "rekord-annotations"},
            new String[] {"processor", "rekord-processor"},
            new String[] {"runtime", "rekord-runtime"},
            new String[] {"test-support", "rekord-test-support"});

    private InstalledArtifacts() {
    }

    static Path repository() {
        return Path.of(ConsumerBuild.property("consumer.localRepository"));
    }

    /** The file of {@code dev.rekord:artifactId:version[:classifier]:extension} in the local repository. */
    static Path installed(String artifactId, String classifier, String extension) {
        String version = ConsumerBuild.property("consumer.rekordVersion");
        return repository().resolve("dev/rekord").resolve(artifactId).resolve(version)
                .resolve(artifactId + "-" + version + (classifier.isEmpty() ? "" : "-" + classifier) + "." + extension);
    }

    /**
     * @throws AssertionError naming each installed file that differs from what this build made
     *     (a module not built in this run, with no jar in its {@code target}, is not compared)
     */
    static void requireCurrent() {
        String version = ConsumerBuild.property("consumer.rekordVersion");
        List<String> stale = new ArrayList<>();
        compare(ConsumerBuild.ROOT.resolve("pom.xml"), installed("rekord-parent", "", "pom"), stale);
        compare(ConsumerBuild.ROOT.resolve("bom/pom.xml"), installed("rekord-bom", "", "pom"), stale);
        for (String[] jar : JARS) {
            Path built = ConsumerBuild.ROOT.resolve(jar[0]).resolve("target").resolve(jar[1] + "-" + version + ".jar");
            if (Files.exists(built)) {
                compare(built, installed(jar[1], "", "jar"), stale);
            }
        }
        if (!stale.isEmpty()) {
            throw new AssertionError("The local repository does not hold what this build made: " + stale
                    + ". The consumer tests build projects against installed artifacts; run `mvn install`"
                    + " (as ./test.sh does), not `mvn verify`.");
        }
    }

    private static void compare(Path built, Path installed, List<String> stale) {
        try {
            if (!Files.exists(installed) || Files.mismatch(built, installed) != -1) {
                stale.add(installed.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
