package org.federationgateway.standalone;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

import org.federationgateway.component.ComponentSettings;
import org.federationgateway.gateway.BridgeSettings;
import org.federationgateway.policy.SettingException;

/**
 * The standalone gateway's one properties file: the XMPP server it joins as a component (XEP-0114), the SIP
 * side (the same keys as the plugin's {@code federationgateway.sip.*} without the prefix), the database, and
 * the partners and global policy to start with. Every error names its key.
 *
 * @param component the component link
 * @param sip       the SIP side; addressing is always the component's domain here
 * @param jdbcUrl   the database: file-based HSQLDB by default, PostgreSQL when configured
 * @param dbUser    database user
 * @param dbPassword database password
 * @param partners  partners to create when the database has none, as {@code domain:type}
 * @param globalXmppAccess whether the global policy allows XMPP federation when it is first created
 * @param subscriptionExpiry the longest presence subscription the gateway grants SIP watchers or asks for
 * @param capacity  the SIP socket buffer, request queue, workers and pending requests before load is shed
 */
public record StandaloneConfig(ComponentSettings component, BridgeSettings sip, String jdbcUrl, String dbUser, String dbPassword,
                               List<String> partners, boolean globalXmppAccess, java.time.Duration subscriptionExpiry,
                               org.federationgateway.sip.SipCapacity capacity) {

    public static StandaloneConfig from(Properties p) {
        String domain = required(p, "component.domain");
        ComponentSettings component;
        try {
            component = new ComponentSettings(required(p, "component.server.host"), integer(p, "component.server.port", 5347), domain,
                    required(p, "component.secret"), Duration.ofMillis(integer(p, "component.reconnect.minMillis", 500)),
                    Duration.ofMillis(integer(p, "component.reconnect.maxMillis", 30_000)));
        } catch (IllegalArgumentException e) {
            throw new SettingException("component", e.getMessage());
        }
        String label = domain.contains(".") ? domain.substring(0, domain.indexOf('.')) : domain;
        BridgeSettings sip = BridgeSettings.parse(true, p.getProperty("sip.listen.address", "127.0.0.1"), integer(p, "sip.listen.port", 5060),
                p.getProperty("sip.listen.transports", "udp,tcp"), required(p, "sip.frontEnd.host"), integer(p, "sip.frontEnd.port", 5060),
                p.getProperty("sip.frontEnd.transport", "udp"), p.getProperty("sip.trustedPeers", ""),
                Duration.ofSeconds(integer(p, "sip.keepAlive", 30)), p.getProperty("sip.domainMappings", ""), "",
                p.getProperty("sip.messageType", "chat"), Duration.ofMillis(integer(p, "sip.errorWindowMillis", 2000)), "component", label,
                new BridgeSettings.TlsText(integer(p, "sip.tls.port", BridgeSettings.DEFAULT_TLS_PORT), p.getProperty("sip.tls.keyStore", ""),
                        p.getProperty("sip.tls.keyStorePassword", ""), p.getProperty("sip.tls.trustStore", ""),
                        p.getProperty("sip.tls.trustStorePassword", ""), p.getProperty("sip.tls.trustedPeerNames", "")));
        List<String> partners = new ArrayList<>();
        for (String entry : p.getProperty("policy.partners", "").split("[\\s,]+")) {
            if (!entry.isBlank()) {
                partners.add(entry.strip().toLowerCase(Locale.ROOT));
            }
        }
        return new StandaloneConfig(component, sip, p.getProperty("db.url", "jdbc:hsqldb:file:gateway-db/gateway;shutdown=true"),
                p.getProperty("db.user", "SA"), p.getProperty("db.password", ""), partners,
                Boolean.parseBoolean(p.getProperty("policy.global.xmppAccess", "false")), Duration.ofSeconds(integer(p, "sip.subscriptionExpirySeconds", 3600)),
                capacity(p));
    }

    /** sip.receiveBufferBytes, sip.requestQueue, sip.workerThreads, sip.pendingRequests, sip.retryAfterSeconds. */
    static org.federationgateway.sip.SipCapacity capacity(Properties p) {
        org.federationgateway.sip.SipCapacity d = org.federationgateway.sip.SipCapacity.DEFAULT;
        try {
            return new org.federationgateway.sip.SipCapacity(integer(p, "sip.receiveBufferBytes", d.receiveBufferBytes()),
                    integer(p, "sip.requestQueue", d.requestQueue()), integer(p, "sip.workerThreads", d.workerThreads()),
                    integer(p, "sip.pendingRequests", d.pendingRequests()), integer(p, "sip.retryAfterSeconds", d.retryAfterSeconds()));
        } catch (IllegalArgumentException e) {
            throw new SettingException("sip." + e.getMessage().split(" ", 2)[0], "sip." + e.getMessage());
        }
    }

    private static String required(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            throw new SettingException(key, key + " is required");
        }
        return v.strip();
    }

    private static int integer(Properties p, String key, int fallback) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new SettingException(key, key + " must be a number, not '" + v + "'");
        }
    }
}
