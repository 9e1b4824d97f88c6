package dev.rekord.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What Maven Central asks of the published artifacts, checked on this build's installed ones. */
class PublishingTest {

    @Test
    void theRepositoryHasTheApacheLicense() throws IOException {
        String license = Files.readString(ConsumerBuild.ROOT.resolve("LICENSE"));
        assertTrue(license.strip().startsWith("Apache License\n                           Version 2.0, January 2004"),
                "LICENSE is not the Apache License 2.0");
    }

    /** The parent (which the published jars inherit from) and the BOM (which has no parent). */
    @ParameterizedTest
    @ValueSource(strings = {"pom.xml", "bom/pom.xml"})
    void pomsCarryTheMetadataCentralRequires(String pom) throws IOException {
        String text = Files.readString(ConsumerBuild.ROOT.resolve(pom));
        for (String element : List.of("name", "description", "url", "licenses", "developers", "scm")) {
            assertTrue(Pattern.compile("<" + element + "[\\s>]").matcher(text).find(), pom + " lacks <" + element + ">");
        }
        assertTrue(text.contains("<name>Apache-2.0</name>"), pom + " does not name the Apache-2.0 license");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rekord-annotations", "rekord-processor", "rekord-runtime", "rekord-test-support",
        "rekord-spring-boot-starter"})
    void publishedJarsComeWithSourcesAndJavadoc(String artifactId) throws IOException {
        try (ZipFile sources = new ZipFile(InstalledArtifacts.installed(artifactId, "sources", "jar").toFile());
                ZipFile javadoc = new ZipFile(InstalledArtifacts.installed(artifactId, "javadoc", "jar").toFile())) {
            assertTrue(sources.stream().anyMatch(entry -> entry.getName().endsWith(".java")), "no sources");
            assertTrue(javadoc.getEntry("index.html") != null, "no index.html in the javadoc jar");
        }
    }

    @Test
    void theBomManagesTheJedisVersionRekordIsBuiltWith() throws IOException {
        Matcher jedis = Pattern.compile("<jedis\\.version>([^<]+)</jedis\\.version>")
                .matcher(Files.readString(ConsumerBuild.ROOT.resolve("bom/pom.xml")));
        assertTrue(jedis.find(), "bom/pom.xml has no jedis.version");
        assertEquals(ConsumerBuild.property("consumer.jedisVersion"), jedis.group(1));
    }

    /** Every package of the published API (internal ones aside) says what it is for. */
    @ParameterizedTest
    @ValueSource(strings = {"annotations", "runtime", "test-support", "spring-boot-starter"})
    void everyApiPackageHasAPackageInfo(String module) throws IOException {
        Path sources = ConsumerBuild.ROOT.resolve(module).resolve("src/main/java");
        List<String> missing = new ArrayList<>();
        try (Stream<Path> dirs = Files.walk(sources)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                String pkg = sources.relativize(dir).toString().replace('/', '.');
                if (!pkg.contains("internal") && hasPublicType(dir) && !Files.exists(dir.resolve("package-info.java"))) {
                    missing.add(pkg);
                }
            }
        }
        assertEquals(List.of(), missing, "packages without a package-info.java");
    }

    private static boolean hasPublicType(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                if (Files.readString(file, StandardCharsets.UTF_8).contains("\npublic ")) {
                    return true;
                }
            }
        }
        return false;
    }
}
