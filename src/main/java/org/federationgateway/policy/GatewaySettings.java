package org.federationgateway.policy;

import java.time.Duration;
import java.util.Objects;

/**
 * Gateway-wide settings, Lync's {@code Set-CsXmppGatewayConfiguration} plus the enforcement mode.
 * Validated at construction; {@link #defaults()} are Lync's documented defaults.
 *
 * @param connectionLimit          simultaneous S2S sessions across all partners (Lync ConnectionLimit)
 * @param partnerConnectionLimit   simultaneous sessions per partner unless the partner overrides it
 * @param keepAliveInterval        XEP-0199 ping interval to partners with keep-alive on
 * @param streamEstablishmentTimeout time a partner has to finish TLS/SASL/dialback
 * @param streamInactivityTimeout  idle time after which a stream is closed
 * @param subscriptionRefresh      presence subscription refresh interval
 * @param logMessageBodies         whether message bodies may appear in logs
 * @param mode                     enforce or observe
 */
public record GatewaySettings(
        int connectionLimit,
        int partnerConnectionLimit,
        Duration keepAliveInterval,
        Duration streamEstablishmentTimeout,
        Duration streamInactivityTimeout,
        Duration subscriptionRefresh,
        boolean logMessageBodies,
        EnforcementMode mode) {

    public static final int DEFAULT_CONNECTION_LIMIT = 1000;
    public static final int DEFAULT_PARTNER_CONNECTION_LIMIT = 20;
    public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(300);
    public static final Duration DEFAULT_ESTABLISHMENT_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_INACTIVITY_TIMEOUT = Duration.ofSeconds(600);
    public static final Duration DEFAULT_SUBSCRIPTION_REFRESH = Duration.ofHours(8);

    /** Lower bounds below which a setting would do harm (ping floods, streams that cannot finish TLS). */
    public static final Duration MIN_KEEP_ALIVE = Duration.ofSeconds(30);
    public static final Duration MIN_ESTABLISHMENT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration MIN_INACTIVITY_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration MIN_SUBSCRIPTION_REFRESH = Duration.ofMinutes(1);

    public GatewaySettings {
        requireAtLeast("connectionLimit", connectionLimit, 1);
        requireAtLeast("partnerConnectionLimit", partnerConnectionLimit, 1);
        if (partnerConnectionLimit > connectionLimit) {
            throw new SettingException("partnerConnectionLimit",
                    "the per-partner limit (" + partnerConnectionLimit + ") exceeds the total limit (" + connectionLimit + ")");
        }
        requireAtLeast("keepAliveInterval", keepAliveInterval, MIN_KEEP_ALIVE);
        requireAtLeast("streamEstablishmentTimeout", streamEstablishmentTimeout, MIN_ESTABLISHMENT_TIMEOUT);
        requireAtLeast("streamInactivityTimeout", streamInactivityTimeout, MIN_INACTIVITY_TIMEOUT);
        requireAtLeast("subscriptionRefresh", subscriptionRefresh, MIN_SUBSCRIPTION_REFRESH);
        Objects.requireNonNull(mode, "mode");
    }

    public static GatewaySettings defaults() {
        return new GatewaySettings(DEFAULT_CONNECTION_LIMIT, DEFAULT_PARTNER_CONNECTION_LIMIT, DEFAULT_KEEP_ALIVE,
                DEFAULT_ESTABLISHMENT_TIMEOUT, DEFAULT_INACTIVITY_TIMEOUT, DEFAULT_SUBSCRIPTION_REFRESH, false,
                EnforcementMode.ENFORCE);
    }

    private static void requireAtLeast(String field, int value, int min) {
        if (value < min) {
            throw new SettingException(field, field + " must be at least " + min + ", was " + value);
        }
    }

    private static void requireAtLeast(String field, Duration value, Duration min) {
        if (value == null) {
            throw new SettingException(field, field + " is required");
        }
        if (value.compareTo(min) < 0) {
            throw new SettingException(field, field + " must be at least " + min.toSeconds() + " s, was " + value.toSeconds() + " s");
        }
    }
}
