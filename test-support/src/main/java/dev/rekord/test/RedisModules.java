package dev.rekord.test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds Redis modules for tests that need them, so such tests can load one ({@link
 * RedisServer.Builder#module}) or be skipped with a message saying how to enable them.
 */
public final class RedisModules {

    /** The environment variable that names the Redis Query Engine module file. */
    public static final String SEARCH_MODULE_VARIABLE = "REKORD_SEARCH_MODULE";

    /** Where the module is looked for beside the working directory or any directory above it. */
    static final Path SEARCH_MODULE_BESIDE = Path.of("shared", "redisearch", "redisearch.so");

    private RedisModules() {
    }

    /**
     * The Redis Query Engine (RediSearch) module: the file named by {@value #SEARCH_MODULE_VARIABLE}
     * if set, else {@code shared/redisearch/redisearch.so} in the working directory or the nearest
     * directory above it that has one (a checkout with {@code shared/} beside it).
     *
     * @return the module file, or empty when there is none
     */
    public static Optional<Path> search() {
        String configured = System.getenv(SEARCH_MODULE_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured);
            return Files.isRegularFile(path) ? Optional.of(path.toAbsolutePath()) : Optional.empty();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(SEARCH_MODULE_BESIDE);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * The redis-server arguments that load the module at {@code path} with {@code moduleArgs}.
     *
     * @throws IllegalArgumentException when {@code path} is not a readable file
     */
    static List<String> loadArguments(Path path, String... moduleArgs) {
        Path absolute = Objects.requireNonNull(path, "path").toAbsolutePath();
        if (!Files.isReadable(absolute) || Files.isDirectory(absolute)) {
            throw new IllegalArgumentException("no readable module file at " + absolute);
        }
        List<String> args = new ArrayList<>(List.of("--loadmodule", absolute.toString()));
        args.addAll(Arrays.asList(moduleArgs));
        return args;
    }

    /**
     * A standalone server with the Redis Query Engine loaded, started with {@code args} (e.g.
     * {@code "--enable-debug-command", "yes"}); where the module is not found the calling test is
     * aborted (a JUnit assumption: reported as skipped) with {@link #searchMissingMessage()}.
     */
    public static RedisServer startSearchServer(String... args) {
        Path module = search().orElse(null);
        Assumptions.assumeTrue(module != null, searchMissingMessage());
        return RedisServer.builder().module(module).args(args).start();
    }

    /**
     * A cluster of {@code masters} masters with {@code replicasPerMaster} replicas each, every node
     * with the Redis Query Engine loaded; where the module is not found the calling test is
     * aborted, as {@link #startSearchServer} does.
     */
    public static RedisCluster startSearchCluster(int masters, int replicasPerMaster) {
        Path module = search().orElse(null);
        Assumptions.assumeTrue(module != null, searchMissingMessage());
        return RedisCluster.builder().masters(masters).replicasPerMaster(replicasPerMaster).module(module).start();
    }

    /**
     * For a test that runs on several deployments, one of them the search engine: a standalone
     * server with the Redis Query Engine loaded, or empty (and a line on standard error naming
     * {@code test} and how to enable it) where the module is not found.
     */
    public static Optional<RedisServer> startSearchServerIfFound(String test) {
        Optional<Path> module = search();
        if (module.isEmpty()) {
            System.err.println(test + ": no search-engine side: " + searchMissingMessage());
        }
        return module.map(found -> RedisServer.builder().module(found).start());
    }

    /** Why {@link #search()} found nothing and how to enable the tests that need it. */
    public static String searchMissingMessage() {
        return "the Redis Query Engine module (RediSearch) was not found: set " + SEARCH_MODULE_VARIABLE
                + " to its .so file, or put it at " + SEARCH_MODULE_BESIDE + " beside the checkout";
    }
}
