package org.federationgateway.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;

/** Waiting for a peer's port on loopback; tests never reach beyond 127.0.0.0/8. */
public final class Ports {
    private Ports() {
    }

    public static void requireLoopback(String host) {
        if (!host.startsWith("127.")) {
            throw new IllegalArgumentException("tests only talk to loopback addresses, not " + host);
        }
    }

    public static boolean isOpen(String host, int port) {
        requireLoopback(host);
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public static void awaitOpen(String host, int port, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (isOpen(host, port)) {
                return;
            }
            sleep(100);
        }
        throw new AssertionError("nothing listens on " + host + ":" + port + " after " + timeout.toSeconds() + " s");
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
