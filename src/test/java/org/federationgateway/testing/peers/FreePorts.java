package org.federationgateway.testing.peers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import org.federationgateway.testing.Ports;

/** A port nobody listens on right now, for peers that need no fixed port (PostgreSQL, dnsmasq, Erlang distribution). */
public final class FreePorts {
    private FreePorts() {
    }

    public static int on(String loopbackAddress) {
        Ports.requireLoopback(loopbackAddress);
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(loopbackAddress))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + loopbackAddress, e);
        }
    }
}
