package com.example.junit;

import dev.rekord.test.RedisCluster;
import dev.rekord.test.RedisServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What earlier test classes used, for the later ones to check. */
final class Seen {
    static RedisServer perClass;
    static RedisServer shared;
    static RedisCluster cluster;

    private Seen() {
    }

    /** Writes the JUnit Jupiter version that runs, for ConsumerProjectsTest to compare. */
    static void recordJUnitVersion() {
        try {
            Files.writeString(Path.of("target/junit-version.txt"),
                    String.valueOf(Test.class.getPackage().getImplementationVersion()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
