package dev.rekord.test;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Finds the Redis binaries: an explicit path, an environment variable, the PATH, usual places. */
final class Executables {

    static final String INSTALL_HINT = "Install Redis (Debian/Ubuntu: `sudo apt-get install redis-server`;"
            + " macOS: `brew install redis`), put it on the PATH, or point %s at the binary.";

    private static final List<Path> USUAL_DIRECTORIES =
            List.of(Path.of("/usr/bin"), Path.of("/usr/local/bin"), Path.of("/opt/homebrew/bin"));

    private final Map<String, String> environment;
    private final List<Path> usualDirectories;

    Executables(Map<String, String> environment, List<Path> usualDirectories) {
        this.environment = environment;
        this.usualDirectories = usualDirectories;
    }

    static Executables system() {
        return new Executables(System.getenv(), USUAL_DIRECTORIES);
    }

    /**
     * @param name binary name, e.g. {@code redis-server}
     * @param variable environment variable that may hold its path, e.g. {@code REDIS_SERVER}
     * @param explicit a path configured in code, or {@code null}
     */
    Path locate(String name, String variable, Path explicit) {
        // An explicitly configured path must exist: silently falling back would hide a typo.
        if (explicit != null) {
            return requireExecutable(explicit, "The configured executable");
        }
        String fromVariable = environment.get(variable);
        if (fromVariable != null && !fromVariable.isBlank()) {
            return requireExecutable(Path.of(fromVariable), "The environment variable " + variable);
        }
        List<Path> candidates = new ArrayList<>();
        String path = environment.getOrDefault("PATH", "");
        for (String directory : path.split(File.pathSeparator)) {
            if (!directory.isBlank()) {
                candidates.add(Path.of(directory));
            }
        }
        candidates.addAll(usualDirectories);
        for (Path directory : candidates) {
            Path candidate = directory.resolve(name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new RedisStartupException(name + " was not found on the PATH nor in " + usualDirectories + ". "
                + String.format(INSTALL_HINT, variable));
    }

    private static Path requireExecutable(Path path, String source) {
        if (Files.isRegularFile(path) && Files.isExecutable(path)) {
            return path;
        }
        throw new RedisStartupException(source + " points at " + path + ", which is not an executable file. "
                + String.format(INSTALL_HINT, "it"));
    }
}
