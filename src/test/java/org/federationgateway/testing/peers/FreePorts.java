package org.federationgateway.testing.peers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

import org.federationgateway.testing.Ports;

/** A port nobody listens on right now, for peers that need no fixed port (PostgreSQL, dnsmasq, Erlang distribution). */
public final class FreePorts {
    private FreePorts() {
    }

    /** Free for TCP. */
    public static int on(String loopbackAddress) {
        Ports.requireLoopback(loopbackAddress);
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(loopbackAddress))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + loopbackAddress, e);
        }
    }

    /** Free for TCP and UDP at once (DNS listens on both). */
    public static int tcpAndUdpOn(String loopbackAddress) {
        for (int attempt = 0; attempt < 20; attempt++) {
            int port = on(loopbackAddress);
            try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(loopbackAddress), port))) {
                return port;
            } catch (IOException e) {
                // taken for UDP: try another
            }
        }
        throw new IllegalStateException("no port free for both TCP and UDP on " + loopbackAddress);
    }
}
