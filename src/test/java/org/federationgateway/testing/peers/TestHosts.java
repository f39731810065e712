package org.federationgateway.testing.peers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.federationgateway.testing.Ports;

/**
 * Every test domain and its loopback address. Prosody reads it as a private hosts file (lua-unbound
 * {@code hoststxt}); ejabberd only resolves through getaddrinfo, so it also goes into /etc/hosts
 * ({@link EtcHostsBlock}); Openfire takes it as {@code dnsutil.dnsOverride}.
 */
public final class TestHosts {
    private final Map<String, String> addresses;
    /** Further addresses of a domain (a cluster's nodes), after its first one, in the hosts file only. */
    private final java.util.List<Map.Entry<String, String>> further;

    private TestHosts(Map<String, String> addresses, java.util.List<Map.Entry<String, String>> further) {
        this.addresses = Map.copyOf(addresses);
        this.further = java.util.List.copyOf(further);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Map<String, String> addresses() {
        return addresses;
    }

    public String addressOf(String domain) {
        String address = addresses.get(domain);
        if (address == null) {
            throw new IllegalArgumentException(domain + " is not a test domain: " + addresses.keySet());
        }
        return address;
    }

    /** Lines of a hosts(5) file, sorted so the file is the same from run to run. */
    public String hostsFileText() {
        return addresses.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> e.getValue() + " " + e.getKey() + "\n")
                .collect(Collectors.joining())
                + further.stream().map(e -> e.getValue() + " " + e.getKey() + "\n").collect(Collectors.joining());
    }

    public Path writeHostsFile(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, hostsFileText(), StandardCharsets.US_ASCII);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Openfire's {@code dnsutil.dnsOverride} value: {@code {b.test,127.0.70.3:5269},...}. */
    public String openfireDnsOverride(int s2sPort) {
        return addresses.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> "{" + e.getKey() + "," + e.getValue() + ":" + s2sPort + "}")
                .collect(Collectors.joining(","));
    }

    public static final class Builder {
        private final Map<String, String> addresses = new LinkedHashMap<>();

        public Builder add(String domain, String loopbackAddress) {
            Ports.requireLoopback(loopbackAddress);
            addresses.put(domain, loopbackAddress);
            return this;
        }

        private final java.util.List<Map.Entry<String, String>> further = new java.util.ArrayList<>();

        /** One more address of a domain already added: peers reading the hosts file try it when the first does not answer. */
        public Builder alsoAt(String domain, String loopbackAddress) {
            Ports.requireLoopback(loopbackAddress);
            if (!addresses.containsKey(domain)) {
                throw new IllegalArgumentException(domain + " needs its first address first");
            }
            further.add(Map.entry(domain, loopbackAddress));
            return this;
        }

        public TestHosts build() {
            return new TestHosts(addresses, further);
        }
    }
}
