package org.federationgateway.sip;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import org.federationgateway.gateway.SipTls;

/**
 * Where the gateway's SIP stack listens and whom it talks to.
 *
 * @param listenAddress   the local IP address
 * @param port            the SIP port, used for every transport listed
 * @param transports      {@code udp} and/or {@code tcp}
 * @param frontEndHost    the front end's host (IP address or name)
 * @param frontEndPort    the front end's port
 * @param frontEndTransport how to reach it: {@code udp} or {@code tcp}
 * @param trustedPeers    IP addresses whose requests are accepted; everything else gets 403
 * @param keepAlive       OPTIONS interval to the front end
 * @param stackName       unique per stack in this JVM (JAIN-SIP caches stacks by name)
 * @param tls             certificate, trust and TLS port when {@code tls} is among the transports, else null
 * @param capacity        socket buffer, request queue and workers: how much is taken in before load is shed
 */
public record SipEndpointSettings(String listenAddress, int port, List<String> transports, String frontEndHost, int frontEndPort,
                                  String frontEndTransport, Set<String> trustedPeers, Duration keepAlive, String stackName, SipTls tls,
                                  SipCapacity capacity) {
    /** With the default capacity. */
    public SipEndpointSettings(String listenAddress, int port, List<String> transports, String frontEndHost, int frontEndPort,
                               String frontEndTransport, Set<String> trustedPeers, Duration keepAlive, String stackName, SipTls tls) {
        this(listenAddress, port, transports, frontEndHost, frontEndPort, frontEndTransport, trustedPeers, keepAlive, stackName, tls,
                SipCapacity.DEFAULT);
    }

    /** Without TLS. */
    public SipEndpointSettings(String listenAddress, int port, List<String> transports, String frontEndHost, int frontEndPort,
                               String frontEndTransport, Set<String> trustedPeers, Duration keepAlive, String stackName) {
        this(listenAddress, port, transports, frontEndHost, frontEndPort, frontEndTransport, trustedPeers, keepAlive, stackName, null);
    }

    public SipEndpointSettings {
        Objects.requireNonNull(listenAddress, "listenAddress");
        Objects.requireNonNull(frontEndHost, "frontEndHost");
        requirePort(port, "port");
        requirePort(frontEndPort, "frontEndPort");
        transports = transports.stream().map(t -> t.toLowerCase(Locale.ROOT)).toList();
        if (transports.isEmpty() || !transports.stream().allMatch(t -> t.equals("udp") || t.equals("tcp") || t.equals("tls"))) {
            throw new IllegalArgumentException("transports must be udp, tcp and/or tls: " + transports);
        }
        if (transports.contains("tls") != (tls != null)) {
            throw new IllegalArgumentException("TLS settings are needed exactly when tls is a transport");
        }
        frontEndTransport = frontEndTransport.toLowerCase(Locale.ROOT);
        if (!transports.contains(frontEndTransport)) {
            throw new IllegalArgumentException("the front end's transport " + frontEndTransport + " is not among the listening transports " + transports);
        }
        trustedPeers = Set.copyOf(trustedPeers);
        if (keepAlive.isNegative() || keepAlive.isZero()) {
            throw new IllegalArgumentException("keepAlive must be positive");
        }
        Objects.requireNonNull(stackName, "stackName");
        Objects.requireNonNull(capacity, "capacity");
    }

    /** The same settings with another capacity. */
    public SipEndpointSettings withCapacity(SipCapacity other) {
        return new SipEndpointSettings(listenAddress, port, transports, frontEndHost, frontEndPort, frontEndTransport, trustedPeers, keepAlive,
                stackName, tls, other);
    }

    private static void requirePort(int port, String name) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(name + " must be 1-65535: " + port);
        }
    }

    public boolean hasTcp() {
        return transports.contains("tcp");
    }

    /** The port a transport listens on: the TLS port for tls, the SIP port otherwise. */
    public int portFor(String transport) {
        return transport.equals("tls") ? tls.port() : port;
    }
}
