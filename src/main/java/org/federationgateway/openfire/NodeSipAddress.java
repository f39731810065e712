package org.federationgateway.openfire;

import java.util.Objects;

/**
 * Which address this node's SIP endpoint listens on. Openfire's system properties are shared by every node of a
 * cluster, so a listen address stored there would make every node bind the same address. A node's own address
 * therefore lives in its own {@code conf/openfire.xml} ({@value #XML_KEY}), as Openfire's own
 * {@code network.interface} does. Without a cluster that entry is optional and the shared property serves, as before;
 * in a cluster it is required, and the shared property is not used at all, so no two nodes ever try one address.
 * Pure: the caller reads the two values and whether clustering is enabled.
 */
record NodeSipAddress(String address, Source source) {
    /**
     * The node-local entry in conf/openfire.xml ({@code <federationgateway><node><sip><listen><address>}). Its name differs from
     * every system property's: Openfire moves an openfire.xml entry into the shared database as soon as a system property of
     * the same name is defined.
     */
    static final String XML_KEY = "federationgateway.node.sip.listen.address";

    /** Where the address came from, for the SIP settings page and the log. */
    enum Source {
        /** This node's conf/openfire.xml. */
        NODE("node"),
        /** The system property every node shares (not clustered only). */
        SHARED("shared");

        private final String code;

        Source(String code) {
            this.code = code;
        }

        String code() {
            return code;
        }
    }

    /** A cluster node without its own address: the SIP bridge does not start, and this says how to fix it. */
    static final class Missing extends IllegalStateException {
        Missing(String message) {
            super(message);
        }
    }

    NodeSipAddress {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(source, "source");
    }

    /**
     * @param clustered whether clustering is enabled on this node ({@code clustering.enabled} in conf/openfire.xml)
     * @param nodeLocal this node's entry in conf/openfire.xml, or null
     * @param shared    the shared system property {@code federationgateway.sip.listen.address}
     * @throws Missing  clustered without a node-local address, or with a wildcard one
     */
    static NodeSipAddress choose(boolean clustered, String nodeLocal, String shared) {
        String own = nodeLocal == null ? "" : nodeLocal.strip();
        if (!own.isEmpty()) {
            if (clustered && isWildcard(own)) {
                throw new Missing("In an Openfire cluster each node's SIP endpoint needs an address of its own that the front end can reach; "
                        + own + " (every address) in " + XML_KEY + " of this node's conf/openfire.xml is not one.");
            }
            return new NodeSipAddress(own, Source.NODE);
        }
        if (clustered) {
            throw new Missing("In an Openfire cluster each node's SIP endpoint listens on its own address: set " + XML_KEY
                    + " in this node's conf/openfire.xml (<federationgateway><node><sip><listen><address>10.0.0.11</address></listen></sip></node>"
                    + "</federationgateway>) while Openfire is stopped on this node, then start it; the shared federationgateway.sip.listen.address is not used in a cluster, "
                    + "so that two nodes never try to bind one address.");
        }
        return new NodeSipAddress(shared == null ? "" : shared.strip(), Source.SHARED);
    }

    private static boolean isWildcard(String address) {
        return address.equals("0.0.0.0") || address.equals("::") || address.equals("[::]") || address.equals("0:0:0:0:0:0:0:0");
    }
}
