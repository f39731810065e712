package org.federationgateway.openfire;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.federationgateway.gateway.BridgeSettings;
import org.jivesoftware.util.JiveGlobals;
import org.jivesoftware.util.SystemProperty;

/**
 * The SIP bridge's settings as Openfire system properties ({@code federationgateway.sip.*}). They are read
 * when the plugin starts: the SIP stack binds sockets, so a change applies on the next plugin reload. The listen
 * address may also come from this node's own conf/openfire.xml, and must in a cluster ({@link NodeSipAddress}).
 */
final class OpenfireSipSettings {
    static final String PREFIX = OpenfireSettings.PREFIX + "sip.";
    static final List<String> KEYS = List.of(PREFIX + "enabled", PREFIX + "listen.address", PREFIX + "listen.port", PREFIX + "listen.transports",
            PREFIX + "frontEnd.host", PREFIX + "frontEnd.port", PREFIX + "frontEnd.transport", PREFIX + "trustedPeers", PREFIX + "keepAlive",
            PREFIX + "domainMappings", PREFIX + "sipHomedPatterns", PREFIX + "messageType", PREFIX + "errorWindow",
            PREFIX + "addressing", PREFIX + "component.subdomain", PREFIX + "tls.port", PREFIX + "tls.keyStore", PREFIX + "tls.keyStorePassword",
            PREFIX + "tls.trustStore", PREFIX + "tls.trustStorePassword", PREFIX + "tls.trustedPeerNames");

    private final Map<String, SystemProperty<?>> bySuffix = new LinkedHashMap<>();
    private final SystemProperty<Boolean> enabled;
    private final SystemProperty<String> listenAddress;
    private final SystemProperty<Integer> listenPort;
    private final SystemProperty<String> transports;
    private final SystemProperty<String> frontEndHost;
    private final SystemProperty<Integer> frontEndPort;
    private final SystemProperty<String> frontEndTransport;
    private final SystemProperty<String> trustedPeers;
    private final SystemProperty<Duration> keepAlive;
    private final SystemProperty<String> domainMappings;
    private final SystemProperty<String> sipHomedPatterns;
    private final SystemProperty<String> messageType;
    private final SystemProperty<Duration> errorWindow;
    private final SystemProperty<String> addressing;
    private final SystemProperty<String> componentSubdomain;
    private final SystemProperty<Integer> tlsPort;
    private final SystemProperty<String> tlsKeyStore;
    private final SystemProperty<String> tlsKeyStorePassword;
    private final SystemProperty<String> tlsTrustStore;
    private final SystemProperty<String> tlsTrustStorePassword;
    private final SystemProperty<String> tlsTrustedPeerNames;
    private final SystemProperty<Integer> receiveBufferBytes;
    private final SystemProperty<Integer> requestQueue;
    private final SystemProperty<Integer> workerThreads;
    private final SystemProperty<Integer> pendingRequests;
    private final SystemProperty<Integer> retryAfterSeconds;

    OpenfireSipSettings(String plugin) {
        enabled = SystemProperty.Builder.ofType(Boolean.class).setKey(PREFIX + "enabled").setDefaultValue(false)
                .setDynamic(false).setPlugin(plugin).build();
        listenAddress = text(plugin, "listen.address", "127.0.0.1");
        listenPort = number(plugin, "listen.port", BridgeSettings.DEFAULT_PORT);
        transports = text(plugin, "listen.transports", "udp,tcp");
        frontEndHost = text(plugin, "frontEnd.host", "");
        frontEndPort = SystemProperty.Builder.ofType(Integer.class).setKey(PREFIX + "frontEnd.port").setDefaultValue(BridgeSettings.DEFAULT_PORT)
                .setMinValue(0).setDynamic(false).setPlugin(plugin).build();
        frontEndTransport = text(plugin, "frontEnd.transport", "udp");
        trustedPeers = text(plugin, "trustedPeers", "");
        keepAlive = duration(plugin, "keepAlive", Duration.ofSeconds(30));
        domainMappings = text(plugin, "domainMappings", "");
        sipHomedPatterns = text(plugin, "sipHomedPatterns", "");
        messageType = text(plugin, "messageType", "chat");
        errorWindow = duration(plugin, "errorWindow", Duration.ofSeconds(2));
        addressing = text(plugin, "addressing", "shared");
        componentSubdomain = text(plugin, "component.subdomain", "sip");
        tlsPort = number(plugin, "tls.port", BridgeSettings.DEFAULT_TLS_PORT);
        tlsKeyStore = text(plugin, "tls.keyStore", "");
        tlsKeyStorePassword = secret(plugin, "tls.keyStorePassword");
        tlsTrustStore = text(plugin, "tls.trustStore", "");
        tlsTrustStorePassword = secret(plugin, "tls.trustStorePassword");
        tlsTrustedPeerNames = text(plugin, "tls.trustedPeerNames", "");
        org.federationgateway.sip.SipCapacity d = org.federationgateway.sip.SipCapacity.DEFAULT;
        receiveBufferBytes = number(plugin, "receiveBufferBytes", d.receiveBufferBytes());
        requestQueue = number(plugin, "requestQueue", d.requestQueue());
        workerThreads = number(plugin, "workerThreads", d.workerThreads());
        pendingRequests = number(plugin, "pendingRequests", d.pendingRequests());
        retryAfterSeconds = number(plugin, "retryAfterSeconds", d.retryAfterSeconds());
        for (SystemProperty<?> p : List.of(enabled, listenAddress, listenPort, transports, frontEndHost, frontEndPort, frontEndTransport, trustedPeers,
                keepAlive, domainMappings, sipHomedPatterns, messageType, errorWindow, addressing, componentSubdomain, tlsPort, tlsKeyStore,
                tlsKeyStorePassword, tlsTrustStore, tlsTrustStorePassword, tlsTrustedPeerNames)) {
            bySuffix.put(p.getKey().substring(PREFIX.length()), p);
        }
    }

    /** Every setting as text by property suffix ({@code listen.port} -> {@code 5060}), durations in seconds. */
    Map<String, String> texts() {
        Map<String, String> texts = new LinkedHashMap<>();
        bySuffix.forEach((suffix, p) -> {
            Object v = p.getValue();
            texts.put(suffix, v == null ? "" : v instanceof Duration d ? Long.toString(d.toSeconds()) : v.toString());
        });
        return texts;
    }

    /** Stores the given settings (already validated by the page); suffixes it does not know are refused. */
    @SuppressWarnings("unchecked")
    void save(Map<String, String> values) {
        values.forEach((suffix, text) -> {
            SystemProperty<?> p = bySuffix.get(suffix);
            if (p == null) {
                throw new IllegalArgumentException("no SIP setting " + suffix);
            }
            Object current = p.getDefaultValue();
            if (current instanceof Boolean) {
                VersionBridge.setValue((SystemProperty<Boolean>) p, Boolean.parseBoolean(text));
            } else if (current instanceof Integer) {
                VersionBridge.setValue((SystemProperty<Integer>) p, Integer.parseInt(text.trim()));
            } else if (current instanceof Duration) {
                VersionBridge.setValue((SystemProperty<Duration>) p, Duration.ofSeconds(Long.parseLong(text.trim())));
            } else {
                VersionBridge.setValue((SystemProperty<String>) p, text);
            }
        });
    }

    private static SystemProperty<String> secret(String plugin, String key) {
        return SystemProperty.Builder.ofType(String.class).setKey(PREFIX + key).setDefaultValue("")
                .setDynamic(false).setEncrypted(true).setPlugin(plugin).build();
    }

    boolean enabled() {
        return enabled.getValue();
    }

    /** Whether clustering is enabled on this node: Openfire keeps that in conf/openfire.xml only. */
    static boolean clusteringEnabled() {
        return Boolean.parseBoolean(JiveGlobals.getXMLProperty("clustering.enabled"));
    }

    /** This node's own SIP listen address from its conf/openfire.xml, or "" when it has none. */
    static String nodeLocalAddress() {
        String own = JiveGlobals.getXMLProperty(NodeSipAddress.XML_KEY);
        return own == null ? "" : own.strip();
    }

    /** @throws NodeSipAddress.Missing a cluster node without an address of its own */
    NodeSipAddress listenAddress() {
        return NodeSipAddress.choose(clusteringEnabled(), nodeLocalAddress(), listenAddress.getValue());
    }

    /** As {@link #texts()}, with the listen address this node uses (its own one, where it has one), for the readiness checks. */
    Map<String, String> effectiveTexts() {
        Map<String, String> texts = texts();
        try {
            texts.put("listen.address", listenAddress().address());
        } catch (NodeSipAddress.Missing e) {
            texts.put("listen.address", "");
        }
        return texts;
    }

    /**
     * @throws org.federationgateway.policy.SettingException naming the property at fault
     * @throws NodeSipAddress.Missing a cluster node without an address of its own
     */
    BridgeSettings read() {
        String address = enabled.getValue() ? listenAddress().address() : listenAddress.getValue();
        return BridgeSettings.parse(enabled.getValue(), address, listenPort.getValue(), transports.getValue(),
                frontEndHost.getValue(), frontEndPort.getValue(), frontEndTransport.getValue(), trustedPeers.getValue(), keepAlive.getValue(),
                domainMappings.getValue(), sipHomedPatterns.getValue(), messageType.getValue(), errorWindow.getValue(),
                addressing.getValue(), componentSubdomain.getValue(),
                new BridgeSettings.TlsText(tlsPort.getValue(), tlsKeyStore.getValue(), tlsKeyStorePassword.getValue(), tlsTrustStore.getValue(),
                        tlsTrustStorePassword.getValue(), tlsTrustedPeerNames.getValue()));
    }

    private static SystemProperty<String> text(String plugin, String key, String defaultValue) {
        return SystemProperty.Builder.ofType(String.class).setKey(PREFIX + key).setDefaultValue(defaultValue)
                .setDynamic(false).setPlugin(plugin).build();
    }

    /** How much the SIP endpoint takes in before it sheds load (set as system properties; the defaults otherwise). */
    org.federationgateway.sip.SipCapacity capacity() {
        try {
            return new org.federationgateway.sip.SipCapacity(receiveBufferBytes.getValue(), requestQueue.getValue(), workerThreads.getValue(),
                    pendingRequests.getValue(), retryAfterSeconds.getValue());
        } catch (IllegalArgumentException e) {
            throw new org.federationgateway.policy.SettingException(PREFIX + e.getMessage().split(" ", 2)[0], PREFIX + e.getMessage());
        }
    }

    private static SystemProperty<Integer> number(String plugin, String key, int defaultValue) {
        return SystemProperty.Builder.ofType(Integer.class).setKey(PREFIX + key).setDefaultValue(defaultValue).setMinValue(1)
                .setDynamic(false).setPlugin(plugin).build();
    }

    private static SystemProperty<Duration> duration(String plugin, String key, Duration defaultValue) {
        return SystemProperty.Builder.ofType(Duration.class).setKey(PREFIX + key).setDefaultValue(defaultValue)
                .setChronoUnit(ChronoUnit.SECONDS).setDynamic(false).setPlugin(plugin).build();
    }
}
