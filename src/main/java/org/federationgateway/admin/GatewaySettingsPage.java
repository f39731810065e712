package org.federationgateway.admin;

import org.federationgateway.i18n.Messages;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import javax.servlet.http.HttpServletRequest;

import org.federationgateway.policy.EnforcementMode;
import org.federationgateway.policy.GatewaySettings;
import org.federationgateway.policy.SettingException;

/** Gateway settings (Lync's Set-CsXmppGatewayConfiguration, which Lync had no page for): view and change. */
public final class GatewaySettingsPage implements PageController {
    /** Where the settings live; in Openfire, its system properties. */
    public interface Store {
        GatewaySettings current();

        void save(GatewaySettings settings);
    }

    static final String CONNECTION_LIMIT = "connectionLimit";
    static final String PARTNER_CONNECTION_LIMIT = "partnerConnectionLimit";
    static final String KEEP_ALIVE = "keepAliveInterval";
    static final String ESTABLISHMENT = "streamEstablishmentTimeout";
    static final String INACTIVITY = "streamInactivityTimeout";
    static final String SUBSCRIPTION_REFRESH = "subscriptionRefresh";
    static final String LOG_BODIES = "logMessageBodies";
    static final String MODE = "mode";
    private static final String[] FIELDS = {CONNECTION_LIMIT, PARTNER_CONNECTION_LIMIT, KEEP_ALIVE, ESTABLISHMENT,
            INACTIVITY, SUBSCRIPTION_REFRESH, LOG_BODIES, MODE};

    private final Store store;
    private final Messages messages;

    public GatewaySettingsPage(Store store, Messages messages) {
        this.store = Objects.requireNonNull(store, "store");
        this.messages = Objects.requireNonNull(messages, "messages");
    }

    @Override
    public PageResult handle(HttpServletRequest request) {
        if ("POST".equalsIgnoreCase(request.getMethod())) {
            return save(request);
        }
        boolean saved = "true".equals(request.getParameter("saved"));
        return view(asFields(store.current()), Map.of(), saved);
    }

    private PageResult save(HttpServletRequest request) {
        FormErrors errors = new FormErrors(messages);
        FormFields form = new FormFields(request, errors, FIELDS);
        Optional<Integer> connections = form.integer(CONNECTION_LIMIT);
        Optional<Integer> perPartner = form.integer(PARTNER_CONNECTION_LIMIT);
        Optional<Duration> keepAlive = form.seconds(KEEP_ALIVE);
        Optional<Duration> establishment = form.seconds(ESTABLISHMENT);
        Optional<Duration> inactivity = form.seconds(INACTIVITY);
        Optional<Duration> refresh = form.seconds(SUBSCRIPTION_REFRESH);
        EnforcementMode mode = null;
        try {
            mode = EnforcementMode.fromCode(form.text(MODE));
        } catch (IllegalArgumentException e) {
            errors.add(MODE, "gatewaysettings.error.mode", form.text(MODE));
        }
        if (errors.isEmpty()) {
            try {
                store.save(new GatewaySettings(connections.get(), perPartner.get(), keepAlive.get(), establishment.get(),
                        inactivity.get(), refresh.get(), form.checkbox(LOG_BODIES), mode));
                return PageResult.redirect("gateway-settings.jsp?saved=true");
            } catch (SettingException e) {
                errors.add(e.field(), "gatewaysettings.error." + e.field(), minimumFor(e.field()));
            }
        }
        return view(form.typed(), errors.asMap(), false);
    }

    private static Object minimumFor(String field) {
        return switch (field) {
            case KEEP_ALIVE -> GatewaySettings.MIN_KEEP_ALIVE.toSeconds();
            case ESTABLISHMENT -> GatewaySettings.MIN_ESTABLISHMENT_TIMEOUT.toSeconds();
            case INACTIVITY -> GatewaySettings.MIN_INACTIVITY_TIMEOUT.toSeconds();
            case SUBSCRIPTION_REFRESH -> GatewaySettings.MIN_SUBSCRIPTION_REFRESH.toSeconds();
            default -> 1;
        };
    }

    private PageResult view(Map<String, String> fields, Map<String, String> errors, boolean saved) {
        return PageResult.render(new GatewaySettingsView(fields, errors, saved));
    }

    static Map<String, String> asFields(GatewaySettings s) {
        return Map.of(
                CONNECTION_LIMIT, Integer.toString(s.connectionLimit()),
                PARTNER_CONNECTION_LIMIT, Integer.toString(s.partnerConnectionLimit()),
                KEEP_ALIVE, Long.toString(s.keepAliveInterval().toSeconds()),
                ESTABLISHMENT, Long.toString(s.streamEstablishmentTimeout().toSeconds()),
                INACTIVITY, Long.toString(s.streamInactivityTimeout().toSeconds()),
                SUBSCRIPTION_REFRESH, Long.toString(s.subscriptionRefresh().toSeconds()),
                LOG_BODIES, Boolean.toString(s.logMessageBodies()),
                MODE, s.mode().code());
    }
}
