package dev.rekord.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * New Maven projects built the way users build them, against the artifacts {@code mvn install}
 * just put in the local repository: the README's {@code pom.xml} (exactly as the README shows it)
 * with its {@code Member} model and {@code MemberTest}; rekord-test-support under JUnit 5.10,
 * 5.14 and 6; a build that pins an older Jedis; and a Spring Boot 4 application with the starter, under Boot's
 * dependency management (Jedis 7: refused at start-up) and with {@code jedis.version} set. One Maven run builds
 * them all.
 */
class ConsumerProjectsTest {

    private static final String README_POM_MARKER = "<!-- new-project: pom.xml -->";
    private static final Readme README = Readme.read(ConsumerBuild.ROOT.resolve("README.md"));

    private static ConsumerBuild build;
    private static Path log;

    @BeforeAll
    static void buildConsumers() throws IOException, InterruptedException {
        InstalledArtifacts.requireCurrent();
        build = ConsumerBuild.create();

        Path readme = build.project("readme");
        ConsumerBuild.write(readme.resolve("pom.xml"), README.blockAfter(README_POM_MARKER));
        ConsumerBuild.write(readme.resolve("src/main/java/com/example/Member.java"),
                "package com.example;\n\n" + README.blockAfter("<!-- snippet: Member#model -->"));
        ConsumerBuild.write(readme.resolve("src/test/java/com/example/MemberTest.java"),
                "package com.example;\n\n" + README.blockAfter("<!-- snippet: MemberTest#test -->"));

        for (String junit : new String[] {"junit-5.10-bom", "junit-5.14-after", "junit-6"}) {
            Path project = build.project(junit);
            ConsumerBuild.copyTree(ConsumerBuild.PROJECTS.resolve(junit), project);
            ConsumerBuild.copyTree(ConsumerBuild.PROJECTS.resolve("junit-tests"), project);
        }
        ConsumerBuild.copyTree(ConsumerBuild.PROJECTS.resolve("old-jedis"), build.project("old-jedis"));
        for (String boot : new String[] {"boot-pinned-jedis", "boot-jedis-set"}) {
            ConsumerBuild.copyTree(ConsumerBuild.PROJECTS.resolve(boot), build.project(boot));
        }

        log = build.run();
    }

    @Test
    void readmePomUsesThisBuildsVersion() {
        Matcher version = Pattern.compile("<rekord\\.version>([^<]+)</rekord\\.version>")
                .matcher(README.blockAfter(README_POM_MARKER));
        assertTrue(version.find(), "the README's pom defines no rekord.version property");
        assertEquals(ConsumerBuild.property("consumer.rekordVersion"), version.group(1),
                "README.md's pom names another Rekord version than this build's");
    }

    @Test
    void readmeProjectGeneratesTheRepositoryAndRunsItsTest() {
        Path project = build.dir("readme");
        assertTrue(Files.exists(project.resolve("target/generated-sources/annotations/com/example/MemberRepository.java")),
                () -> "the processor did not run in the README project:\n" + ConsumerBuild.tail(log));
        assertPassed(project, 1);
    }

    @ParameterizedTest(name = "{0} runs the extension on JUnit {1}")
    @CsvSource({"junit-5.10-bom, 5.10.3", "junit-5.14-after, 5.14.4", "junit-6, 6.1.3"})
    void extensionWorksWithTheUsersJUnit(String project, String junitVersion) throws IOException {
        Path dir = build.dir(project);
        // PerClassServerTest 2 + its @Nested 1, SharedServerTest 2, ClusterTest 1, AfterTheClusterTest 1
        assertPassed(dir, 7);
        assertEquals(junitVersion, Files.readString(dir.resolve("target/junit-version.txt")),
                "another JUnit ran than the project declares");
    }

    @Test
    void olderJedisFailsAtConnectNamingBothVersions() throws IOException {
        Path dir = build.dir("old-jedis");
        assertPassed(dir, 1);
        String message = Files.readString(dir.resolve("target/jedis-message.txt"));
        assertTrue(message.startsWith("Rekord needs Jedis 8 (redis.clients:jedis 8.0.0 or later), but the class path"
                + " has Jedis 6.2.0."), message);
    }

    @Test
    void springBootsPinnedJedisFailsAtStartUpNamingTheProperty() throws IOException {
        Path dir = build.dir("boot-pinned-jedis");
        assertPassed(dir, 1);
        String message = Files.readString(dir.resolve("target/jedis-message.txt"));
        assertTrue(message.startsWith("java.lang.IllegalStateException: Rekord needs Jedis 8"), message);
        assertTrue(message.contains("has Jedis 7.0.0."), message);
        assertTrue(message.contains("set the build property jedis.version to 8.0.2"), message);
    }

    @Test
    void springBootWithJedisVersionSetStartsWithItsRepository() {
        assertPassed(build.dir("boot-jedis-set"), 1);
    }

    private static void assertPassed(Path project, int expectedTests) {
        TestReports reports = TestReports.of(project);
        assertTrue(reports.allPassed(expectedTests), () -> project.getFileName() + ": expected " + expectedTests
                + " passing tests, got " + reports + "\n" + ConsumerBuild.tail(log));
    }
}
