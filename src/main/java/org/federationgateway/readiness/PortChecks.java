package org.federationgateway.readiness;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/** Lync's port table as checks: a TCP connection attempt says whether something answers there. */
public final class PortChecks {
    private static final String AREA = "ports";

    private PortChecks() {
    }

    /**
     * @param what the bundle key's last part: {@code s2s} (this server's own port) or {@code partner}
     * @param name whose port it is, for the line (a domain)
     */
    public static Finding tcp(String what, String name, HostPort target, Duration timeout) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(target.host(), target.port()), (int) timeout.toMillis());
            return Finding.of(AREA, target.toString(), Verdict.OK, what + ".open", name, target);
        } catch (IOException e) {
            return Finding.of(AREA, target.toString(), Verdict.FAIL, what + ".closed", name, target, e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }
}
