package org.federationgateway.openfire;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.federationgateway.policy.EnforcementMode;
import org.federationgateway.policy.GatewaySettings;
import org.federationgateway.policy.SettingException;
import org.jivesoftware.util.SystemProperty;
import org.slf4j.Logger;
import org.federationgateway.lifecycle.NodeLog;

/**
 * The gateway's scalar settings as Openfire system properties (Server &gt; System Properties), each
 * described in the plugin's bundles under {@code system_property.<key>}. A value the gateway cannot
 * accept is logged with its key and the last valid settings stay in force.
 */
public final class OpenfireSettings {
    private static final Logger LOG = NodeLog.getLogger(OpenfireSettings.class);
    static final String PREFIX = "federationgateway.";
    static final String MODE = PREFIX + "mode";
    static final String CONNECTION_LIMIT = PREFIX + "limits.connections";
    static final String PARTNER_CONNECTION_LIMIT = PREFIX + "limits.perPartner";
    static final String KEEP_ALIVE_INTERVAL = PREFIX + "keepAlive.interval";
    static final String ESTABLISHMENT_TIMEOUT = PREFIX + "stream.establishmentTimeout";
    static final String INACTIVITY_TIMEOUT = PREFIX + "stream.inactivityTimeout";
    static final String SUBSCRIPTION_REFRESH = PREFIX + "subscription.refreshInterval";
    static final String LOG_MESSAGE_BODIES = PREFIX + "log.messageBodies";
    static final String REQUIRE_FEDERATION_ACCESS = PREFIX + "policy.requireFederationAccess";

    /** Every key this class registers; each has a {@code system_property.<key>} description in both bundles. */
    public static final List<String> KEYS = List.of(MODE, CONNECTION_LIMIT, PARTNER_CONNECTION_LIMIT, KEEP_ALIVE_INTERVAL,
            ESTABLISHMENT_TIMEOUT, INACTIVITY_TIMEOUT, SUBSCRIPTION_REFRESH, LOG_MESSAGE_BODIES, REQUIRE_FEDERATION_ACCESS);

    /** Every property the plugin registers, the SIP bridge's included. */
    public static final List<String> ALL_KEYS = java.util.stream.Stream.of(KEYS, OpenfireSipSettings.KEYS, List.of(OpenfireReadiness.DNS_SERVER, ClusterPolicySync.CHECK_INTERVAL, ClusterPolicySync.ANNOUNCED), OpenfireApi.KEYS)
            .flatMap(List::stream).toList();

    private final SystemProperty<Integer> connectionLimit;
    private final SystemProperty<Integer> partnerConnectionLimit;
    private final SystemProperty<Duration> keepAliveInterval;
    private final SystemProperty<Duration> establishmentTimeout;
    private final SystemProperty<Duration> inactivityTimeout;
    private final SystemProperty<Duration> subscriptionRefresh;
    private final SystemProperty<Boolean> logMessageBodies;
    private final SystemProperty<String> mode;
    /** Not a Lync gateway setting but a reading of Lync's *-CsExternalAccessPolicy, so kept apart from GatewaySettings. */
    private final SystemProperty<Boolean> requireFederationAccess;
    private final AtomicReference<Consumer<Boolean>> onRequireFederationAccess = new AtomicReference<>(b -> { });

    private final AtomicReference<GatewaySettings> current = new AtomicReference<>();
    /** True while {@link #save} writes several properties, so half-written states are not validated. */
    private volatile boolean saving;
    private final AtomicReference<Consumer<GatewaySettings>> onChange = new AtomicReference<>(s -> { });

    private OpenfireSettings(String plugin) {
        GatewaySettings d = GatewaySettings.defaults();
        Consumer<Object> changed = v -> reload();
        connectionLimit = intProperty(plugin, CONNECTION_LIMIT, d.connectionLimit(), changed);
        partnerConnectionLimit = intProperty(plugin, PARTNER_CONNECTION_LIMIT, d.partnerConnectionLimit(), changed);
        keepAliveInterval = durationProperty(plugin, KEEP_ALIVE_INTERVAL, d.keepAliveInterval(), changed);
        establishmentTimeout = durationProperty(plugin, ESTABLISHMENT_TIMEOUT, d.streamEstablishmentTimeout(), changed);
        inactivityTimeout = durationProperty(plugin, INACTIVITY_TIMEOUT, d.streamInactivityTimeout(), changed);
        subscriptionRefresh = durationProperty(plugin, SUBSCRIPTION_REFRESH, d.subscriptionRefresh(), changed);
        logMessageBodies = SystemProperty.Builder.ofType(Boolean.class)
                .setKey(LOG_MESSAGE_BODIES).setDefaultValue(d.logMessageBodies())
                .setDynamic(true).setPlugin(plugin).addListener(changed::accept).build();
        mode = SystemProperty.Builder.ofType(String.class)
                .setKey(MODE).setDefaultValue(d.mode().code())
                .setDynamic(true).setPlugin(plugin).addListener(changed::accept).build();
        requireFederationAccess = SystemProperty.Builder.ofType(Boolean.class)
                .setKey(REQUIRE_FEDERATION_ACCESS).setDefaultValue(false)
                .setDynamic(true).setPlugin(plugin).addListener(v -> onRequireFederationAccess.get().accept(v)).build();
        current.set(readOrDefaults());
    }

    public boolean requireFederationAccess() {
        return requireFederationAccess.getValue();
    }

    /** Called with the new value when the administrator changes {@value #REQUIRE_FEDERATION_ACCESS}. */
    public void onRequireFederationAccessChange(Consumer<Boolean> listener) {
        onRequireFederationAccess.set(Objects.requireNonNull(listener, "listener"));
    }

    /** Registers the properties with Openfire; they are removed again by {@code SystemProperty.removePropertiesForPlugin}. */
    public static OpenfireSettings register(String plugin) {
        return new OpenfireSettings(Objects.requireNonNull(plugin, "plugin"));
    }

    public GatewaySettings current() {
        return current.get();
    }

    /** Called with the new settings after an accepted change. */
    public void onChange(Consumer<GatewaySettings> listener) {
        onChange.set(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Writes validated settings; listeners see the new settings once, after every property is set. The other nodes of
     * a cluster see each property change as it is written: the two limits are written in the order that keeps every
     * state between them valid there (see {@link #partnerLimitFirst}).
     */
    public synchronized void save(GatewaySettings settings) {
        boolean partnerFirst = partnerLimitFirst(current.get(), settings);
        saving = true;
        try {
            if (partnerFirst) {
                VersionBridge.setValue(partnerConnectionLimit, settings.partnerConnectionLimit());
                VersionBridge.setValue(connectionLimit, settings.connectionLimit());
            } else {
                VersionBridge.setValue(connectionLimit, settings.connectionLimit());
                VersionBridge.setValue(partnerConnectionLimit, settings.partnerConnectionLimit());
            }
            VersionBridge.setValue(keepAliveInterval, settings.keepAliveInterval());
            VersionBridge.setValue(establishmentTimeout, settings.streamEstablishmentTimeout());
            VersionBridge.setValue(inactivityTimeout, settings.streamInactivityTimeout());
            VersionBridge.setValue(subscriptionRefresh, settings.subscriptionRefresh());
            VersionBridge.setValue(logMessageBodies, settings.logMessageBodies());
            VersionBridge.setValue(mode, settings.mode().code());
        } finally {
            saving = false;
        }
        reload();
    }

    /**
     * Whether the per-partner limit is written before the total one when {@code before} becomes {@code after}: the
     * total first leaves (after's total, before's per-partner limit) in between, which is invalid when that per-partner
     * limit exceeds the new total; the per-partner limit first then leaves (before's total, after's per-partner limit),
     * which is valid (both settings are valid, so the two cannot be invalid at once).
     */
    static boolean partnerLimitFirst(GatewaySettings before, GatewaySettings after) {
        return before != null && before.partnerConnectionLimit() > after.connectionLimit();
    }

    private void reload() {
        if (saving) {
            return;
        }
        try {
            GatewaySettings next = read();
            current.set(next);
            onChange.get().accept(next);
        } catch (SettingException e) {
            LOG.error("Federation Gateway: ignoring invalid setting {}{}: {}; the previous settings stay in force",
                    PREFIX, e.field(), e.getMessage());
        }
    }

    private GatewaySettings readOrDefaults() {
        try {
            return read();
        } catch (SettingException e) {
            LOG.error("Federation Gateway: invalid setting {}{}: {}; using the defaults until it is corrected",
                    PREFIX, e.field(), e.getMessage());
            return GatewaySettings.defaults();
        }
    }

    private GatewaySettings read() {
        EnforcementMode m;
        try {
            m = EnforcementMode.fromCode(mode.getValue());
        } catch (IllegalArgumentException e) {
            throw new SettingException("mode", e.getMessage());
        }
        return new GatewaySettings(connectionLimit.getValue(), partnerConnectionLimit.getValue(),
                keepAliveInterval.getValue(), establishmentTimeout.getValue(), inactivityTimeout.getValue(),
                subscriptionRefresh.getValue(), logMessageBodies.getValue(), m);
    }

    private static SystemProperty<Integer> intProperty(String plugin, String key, int defaultValue, Consumer<Object> changed) {
        return SystemProperty.Builder.ofType(Integer.class)
                .setKey(key).setDefaultValue(defaultValue).setMinValue(1)
                .setDynamic(true).setPlugin(plugin).addListener(changed::accept).build();
    }

    private static SystemProperty<Duration> durationProperty(String plugin, String key, Duration defaultValue, Consumer<Object> changed) {
        return SystemProperty.Builder.ofType(Duration.class)
                .setKey(key).setDefaultValue(defaultValue).setChronoUnit(ChronoUnit.SECONDS)
                .setDynamic(true).setPlugin(plugin).addListener(changed::accept).build();
    }
}
