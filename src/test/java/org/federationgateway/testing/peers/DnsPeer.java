package org.federationgateway.testing.peers;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.federationgateway.testing.Ports;

/**
 * dnsmasq (Debian's dnsmasq-base: the binary without a service) as an authoritative-enough DNS server for the test
 * domains on one loopback address and a free high port, so nothing needs port 53 or root. It knows only the records
 * given here: no upstream servers, no /etc/hosts, no config file. Names under the local domains that it does not
 * know are answered NXDOMAIN, as a real zone would. Every query is logged.
 */
public final class DnsPeer implements AutoCloseable {
    public static final String DNSMASQ = "/usr/sbin/dnsmasq";

    private final String address;
    private final int port;
    private final PeerProcess process;

    private DnsPeer(String address, int port, PeerProcess process) {
        this.address = address;
        this.port = port;
        this.process = process;
    }

    public static Builder builder() {
        return new Builder(TestNetwork.DNS_IP);
    }

    public static Builder builder(String loopbackAddress) {
        return new Builder(loopbackAddress);
    }

    public String address() {
        return address;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    /** dnsmasq's own log: one "query[SRV] ... from ..." line per question. */
    public String log() {
        return process.log();
    }

    @Override
    public void close() {
        process.stop(Duration.ofSeconds(5));
    }

    public static final class Builder {
        private final String address;
        private int port;
        private final List<String> records = new ArrayList<>();
        private final List<String> localDomains = new ArrayList<>(List.of("test"));

        private Builder(String address) {
            Ports.requireLoopback(address);
            this.address = address;
        }

        /** Default: a free port (dnsjava's resolvers take any port). */
        public Builder port(int value) {
            this.port = value;
            return this;
        }

        /** {@code _service._proto.domain SRV priority weight port target}, e.g. ("_xmpp-server._tcp.b.test", "b.test", 5269, 0, 5). */
        public Builder srv(String name, String target, int targetPort, int priority, int weight) {
            records.add("--srv-host=" + name + "," + target + "," + targetPort + "," + priority + "," + weight);
            return this;
        }

        /** A and/or AAAA records: each address may be IPv4 or IPv6. */
        /** A NAPTR record (RFC 3403), as RFC 3263 uses them to pick a SIP transport. */
        public Builder naptr(String name, int order, int preference, String flags, String service, String replacement) {
            records.add("--naptr-record=" + name + "," + order + "," + preference + "," + flags + "," + service + ",," + replacement);
            return this;
        }

        public Builder host(String name, String... addresses) {
            records.add("--host-record=" + name + "," + String.join(",", addresses));
            return this;
        }

        public Builder cname(String alias, String target) {
            records.add("--cname=" + alias + "," + target);
            return this;
        }

        public Builder txt(String name, String text) {
            records.add("--txt-record=" + name + ",\"" + text.replace("\"", "") + "\"");
            return this;
        }

        /** Domains answered from the records alone (NXDOMAIN for the rest); default {@code test}. */
        public Builder localDomains(String... domains) {
            localDomains.clear();
            localDomains.addAll(List.of(domains));
            return this;
        }

        public DnsPeer start() {
            PeerBinaries.require(DNSMASQ, "dnsmasq-base");
            int chosen = port != 0 ? port : FreePorts.tcpAndUdpOn(address);
            List<String> command = new ArrayList<>(List.of(DNSMASQ,
                    "--keep-in-foreground", "--log-facility=-", "--log-queries",
                    "--no-resolv", "--no-hosts", "--conf-file=/dev/null", "--pid-file=",
                    // Only this address: --bind-interfaces keeps dnsmasq off every other address of lo.
                    "--listen-address=" + address, "--bind-interfaces", "--port=" + chosen));
            localDomains.forEach(d -> command.add("--local=/" + d + "/"));
            command.addAll(records);
            Path log = PeerDirectories.fresh("dnsmasq-" + address).resolve("dnsmasq.log");
            PeerProcess process = PeerProcess.start("dnsmasq", command, log);
            DnsPeer peer = new DnsPeer(address, chosen, process);
            try {
                // dnsmasq binds UDP and TCP together before it logs "started"; TCP is the one we can probe.
                process.awaitPort(address, chosen, Duration.ofSeconds(10));
            } catch (RuntimeException | Error e) {
                peer.close();
                throw e;
            }
            return peer;
        }
    }
}
