package org.federationgateway.testing.peers;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Last line of defence: if the test JVM exits without closing a peer (a killed fork, a forgotten close), the
 * registered clean-ups run from a shutdown hook, newest first. Normal runs unregister in close().
 */
final class ShutdownCleanup {
    private static final Set<Runnable> PENDING = new LinkedHashSet<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ShutdownCleanup::runAll, "peer shutdown cleanup"));
    }

    private ShutdownCleanup() {
    }

    static synchronized void register(Runnable cleanup) {
        PENDING.add(cleanup);
    }

    static synchronized void unregister(Runnable cleanup) {
        PENDING.remove(cleanup);
    }

    private static void runAll() {
        Runnable[] cleanups;
        synchronized (ShutdownCleanup.class) {
            cleanups = PENDING.toArray(Runnable[]::new);
            PENDING.clear();
        }
        for (int i = cleanups.length - 1; i >= 0; i--) {
            try {
                cleanups[i].run();
            } catch (RuntimeException | Error e) {
                // keep going: the other peers still need stopping
            }
        }
    }
}
