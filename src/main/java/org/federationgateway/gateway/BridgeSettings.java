package org.federationgateway.gateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.federationgateway.policy.SettingException;
import org.federationgateway.translate.DomainMap;
import org.federationgateway.translate.MessageMapping;
import org.federationgateway.translate.TranslationException;

/**
 * The SIP bridge's configuration, validated as a whole; each error names its field.
 *
 * @param enabled           whether the SIP stack runs at all
 * @param listenAddress     local IP address of the SIP stack
 * @param listenPort        its port (all transports)
 * @param transports        udp and/or tcp
 * @param frontEndHost      the SIP front end (IP address or host name)
 * @param frontEndPort      its port, or 0 to locate port and transport by DNS NAPTR/SRV (RFC 3263)
 * @param frontEndTransport udp or tcp
 * @param trustedPeers      IP addresses allowed to send requests besides the front end's own address
 * @param keepAlive         OPTIONS interval to the front end
 * @param domains           XMPP ↔ SIP domain pairs
 * @param sipHomedPatterns  localparts (regular expressions) that are SIP-homed even if a server user exists
 * @param messageType       XMPP type of messages from SIP
 * @param errorWindow       how long a SIP MESSAGE waits for an XMPP error before 202
 * @param addressing        where SIP users live on the XMPP side
 * @param componentSubdomain the component's subdomain in {@link Addressing#COMPONENT} mode (e.g. {@code sip})
 * @param tls               TLS settings when {@code tls} is among the transports, else null
 */
public record BridgeSettings(boolean enabled, String listenAddress, int listenPort, List<String> transports, String frontEndHost,
                             int frontEndPort, String frontEndTransport, Set<String> trustedPeers, Duration keepAlive, DomainMap domains,
                             List<Pattern> sipHomedPatterns, MessageMapping.InboundType messageType, Duration errorWindow,
                             Addressing addressing, String componentSubdomain, SipTls tls) {
    public static final int DEFAULT_PORT = 5060;
    public static final int DEFAULT_TLS_PORT = 5061;

    /** Where SIP users live on the XMPP side (stored as its code). */
    public enum Addressing {
        /** As in Lync: SIP users share the server's domain. */
        SHARED_DOMAIN("shared"),
        /** SIP users live at the gateway's own component subdomain, e.g. sip.example.com. */
        COMPONENT("component");

        private final String code;

        Addressing(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        static Addressing fromCode(String text) {
            for (Addressing a : values()) {
                if (a.code.equals(text)) {
                    return a;
                }
            }
            throw new SettingException("sip.addressing", "addressing is shared or component, not '" + text + "'");
        }
    }

    public BridgeSettings {
        transports = List.copyOf(transports);
        trustedPeers = Set.copyOf(trustedPeers);
        sipHomedPatterns = List.copyOf(sipHomedPatterns);
        // Nothing else matters until the administrator turns the bridge on.
        if (enabled) {
            validate(listenAddress, listenPort, transports, frontEndHost, frontEndPort, frontEndTransport, keepAlive, errorWindow);
            if (addressing == Addressing.COMPONENT && (componentSubdomain == null || !componentSubdomain.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?"))) {
                throw new SettingException("sip.component.subdomain", "the component subdomain is one DNS label such as sip, not '" + componentSubdomain + "'");
            }
        }
    }

    private static void validate(String listenAddress, int listenPort, List<String> transports, String frontEndHost, int frontEndPort,
                                 String frontEndTransport, Duration keepAlive, Duration errorWindow) {
        if (listenAddress == null || listenAddress.isBlank()) {
            throw new SettingException("sip.listen.address", "the SIP listen address is required");
        }
        port("sip.listen.port", listenPort);
        if (frontEndPort != 0) {
            port("sip.frontEnd.port", frontEndPort); // 0: located by DNS NAPTR/SRV (RFC 3263)
        }
        if (transports.isEmpty() || !transports.stream().allMatch(t -> t.equals("udp") || t.equals("tcp") || t.equals("tls"))) {
            throw new SettingException("sip.listen.transports", "transports are udp, tcp and/or tls, not " + transports);
        }
        if (frontEndHost == null || frontEndHost.isBlank()) {
            throw new SettingException("sip.frontEnd.host", "the SIP front end's host is required");
        }
        if (!transports.contains(frontEndTransport)) {
            throw new SettingException("sip.frontEnd.transport", "the front end's transport " + frontEndTransport + " must be one of " + transports);
        }
        if (keepAlive.compareTo(Duration.ofSeconds(5)) < 0) {
            throw new SettingException("sip.keepAlive", "the OPTIONS interval is at least 5 seconds");
        }
        if (errorWindow.isNegative() || errorWindow.compareTo(Duration.ofSeconds(30)) > 0) {
            throw new SettingException("sip.errorWindow", "the error window is 0-30 seconds");
        }
    }

    private static void port(String field, int port) {
        if (port < 1 || port > 65535) {
            throw new SettingException(field, "a port is 1-65535, not " + port);
        }
    }

    /** The front end is always trusted; its address is added when it is an IP literal. */
    public Set<String> trustedSources() {
        Set<String> all = new LinkedHashSet<>(trustedPeers);
        if (frontEndHost != null && frontEndHost.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            all.add(frontEndHost);
        }
        return all;
    }

    /** Parses the text forms the admin console stores; errors name the field. */
    public static BridgeSettings parse(boolean enabled, String listenAddress, int listenPort, String transports, String frontEndHost,
                                       int frontEndPort, String frontEndTransport, String trustedPeers, Duration keepAlive,
                                       String domainPairs, String sipHomedPatterns, String messageType, Duration errorWindow,
                                       String addressing, String componentSubdomain, TlsText tls) {
        return new BridgeSettings(enabled, strip(listenAddress), listenPort, words(transports.toLowerCase(Locale.ROOT)), strip(frontEndHost),
                frontEndPort, strip(frontEndTransport).toLowerCase(Locale.ROOT), new LinkedHashSet<>(words(trustedPeers)), keepAlive,
                domainMap(domainPairs), patterns(sipHomedPatterns), inboundType(messageType), errorWindow,
                Addressing.fromCode(strip(addressing).toLowerCase(Locale.ROOT)), strip(componentSubdomain).toLowerCase(Locale.ROOT),
                enabled && words(transports.toLowerCase(Locale.ROOT)).contains("tls")
                        ? new SipTls(tls.port(), strip(tls.keyStore()), tls.keyStorePassword(), strip(tls.trustStore()), tls.trustStorePassword(),
                                new LinkedHashSet<>(words(tls.trustedPeerNames())))
                        : null);
    }

    /** The TLS properties as typed, for {@link #parse}. */
    public record TlsText(int port, String keyStore, String keyStorePassword, String trustStore, String trustStorePassword,
                          String trustedPeerNames) {
        public static final TlsText NONE = new TlsText(DEFAULT_TLS_PORT, "", "", "", "", "");
    }

    private static DomainMap domainMap(String text) {
        List<DomainMap.Pair> pairs = new ArrayList<>();
        for (String pair : words(text)) {
            String[] sides = pair.split("=", 2);
            if (sides.length != 2) {
                throw new SettingException("sip.domainMappings", "write each mapping as xmpp.domain=sip.domain, not '" + pair + "'");
            }
            try {
                pairs.add(new DomainMap.Pair(sides[0], sides[1]));
            } catch (TranslationException e) {
                throw new SettingException("sip.domainMappings", e.getMessage());
            }
        }
        try {
            return new DomainMap(pairs);
        } catch (TranslationException e) {
            throw new SettingException("sip.domainMappings", e.getMessage());
        }
    }

    private static List<Pattern> patterns(String text) {
        List<Pattern> patterns = new ArrayList<>();
        for (String p : words(text)) {
            try {
                patterns.add(Pattern.compile(p, Pattern.CASE_INSENSITIVE));
            } catch (PatternSyntaxException e) {
                throw new SettingException("sip.sipHomedPatterns", "'" + p + "' is not a regular expression: " + e.getDescription());
            }
        }
        return patterns;
    }

    private static MessageMapping.InboundType inboundType(String text) {
        return switch (strip(text).toLowerCase(Locale.ROOT)) {
            case "normal" -> MessageMapping.InboundType.NORMAL;
            case "chat", "" -> MessageMapping.InboundType.CHAT;
            default -> throw new SettingException("sip.messageType", "the message type is normal or chat, not '" + text + "'");
        };
    }

    private static List<String> words(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return List.of(text.strip().split("[\\s,]+"));
    }

    private static String strip(String s) {
        return s == null ? "" : s.strip();
    }
}
