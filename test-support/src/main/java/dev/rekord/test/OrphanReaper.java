package dev.rekord.test;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Stops processes still running when the JVM exits, so an aborted test run (Ctrl-C, a failing
 * suite that never reaches its cleanup) does not leave Redis servers behind.
 */
final class OrphanReaper {

    private static final Set<RedisProcess> RUNNING = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean HOOK_INSTALLED = new AtomicBoolean();

    private OrphanReaper() {
    }

    static void track(RedisProcess process) {
        if (HOOK_INSTALLED.compareAndSet(false, true)) {
            Runtime.getRuntime().addShutdownHook(new Thread(OrphanReaper::destroyAll, "rekord-redis-reaper"));
        }
        RUNNING.add(process);
    }

    static void forget(RedisProcess process) {
        RUNNING.remove(process);
    }

    private static void destroyAll() {
        List.copyOf(RUNNING).parallelStream().forEach(RedisProcess::destroy);
    }
}
