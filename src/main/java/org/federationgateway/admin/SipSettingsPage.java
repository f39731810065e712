package org.federationgateway.admin;

import org.federationgateway.i18n.Messages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import javax.servlet.http.HttpServletRequest;

import org.federationgateway.gateway.BridgeSettings;
import org.federationgateway.lifecycle.PartStatus;
import org.federationgateway.policy.SettingException;

/**
 * The SIP front end page: where the gateway listens, how it reaches the front end, whom it trusts, TLS,
 * addressing and domain mappings. Valid settings are saved and the SIP bridge restarts with them at once.
 */
public final class SipSettingsPage implements PageController {
    /** Where the settings live (in Openfire, the {@code federationgateway.sip.*} properties), by property suffix. */
    public interface Store {
        Map<String, String> current();

        /** Saves every value given; a password left out keeps the stored one. */
        void save(Map<String, String> values);

        /** Restarts the SIP bridge with the saved settings and says how that went. */
        PartStatus apply();

        /** Where this node's own listen address comes from; by default a server that is no cluster node and has none. */
        default ListenNode listenNode() {
            return ListenNode.NONE;
        }
    }

    /**
     * This node's own listen address (Openfire: its conf/openfire.xml), which in a cluster replaces the shared one.
     *
     * @param clustered   whether this server is a cluster node (then it needs an address of its own)
     * @param nodeAddress its own address, or ""
     * @param setting     the name of the node-local setting, for the page
     */
    public record ListenNode(boolean clustered, String nodeAddress, String setting) {
        public static final ListenNode NONE = new ListenNode(false, "", "");

        public ListenNode {
            Objects.requireNonNull(nodeAddress, "nodeAddress");
            Objects.requireNonNull(setting, "setting");
        }

        /** own: this node uses its own address; missing: a cluster node without one; shared: the field below serves. */
        public String state() {
            if (!nodeAddress.isBlank()) {
                return "own";
            }
            return clustered ? "missing" : "shared";
        }
    }

    /** Form field -> property suffix; the order is the form's. */
    static final Map<String, String> FIELDS = fields();
    static final List<String> TRANSPORTS = List.of("udp", "tcp", "tls");
    private static final List<String> PASSWORDS = List.of("tlsKeyStorePassword", "tlsTrustStorePassword");

    private final Store store;
    private final Supplier<List<PartStatus>> parts;
    private final Messages messages;

    public SipSettingsPage(Store store, Supplier<List<PartStatus>> parts, Messages messages) {
        this.store = Objects.requireNonNull(store, "store");
        this.parts = Objects.requireNonNull(parts, "parts");
        this.messages = Objects.requireNonNull(messages, "messages");
    }

    private static Map<String, String> fields() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("enabled", "enabled");
        f.put("addressing", "addressing");
        f.put("componentSubdomain", "component.subdomain");
        f.put("listenAddress", "listen.address");
        f.put("listenPort", "listen.port");
        f.put("transports", "listen.transports");
        f.put("tlsPort", "tls.port");
        f.put("tlsKeyStore", "tls.keyStore");
        f.put("tlsKeyStorePassword", "tls.keyStorePassword");
        f.put("tlsTrustStore", "tls.trustStore");
        f.put("tlsTrustStorePassword", "tls.trustStorePassword");
        f.put("tlsTrustedPeerNames", "tls.trustedPeerNames");
        f.put("frontEndHost", "frontEnd.host");
        f.put("frontEndPort", "frontEnd.port");
        f.put("frontEndTransport", "frontEnd.transport");
        f.put("trustedPeers", "trustedPeers");
        f.put("keepAlive", "keepAlive");
        f.put("domainMappings", "domainMappings");
        f.put("sipHomedPatterns", "sipHomedPatterns");
        f.put("messageType", "messageType");
        f.put("errorWindow", "errorWindow");
        return java.util.Collections.unmodifiableMap(f);
    }

    @Override
    public PageResult handle(HttpServletRequest request) {
        if ("POST".equalsIgnoreCase(request.getMethod())) {
            return save(request);
        }
        Map<String, String> current = store.current();
        Map<String, String> shown = new HashMap<>();
        FIELDS.forEach((field, key) -> shown.put(field, PASSWORDS.contains(field) ? "" : current.getOrDefault(key, "")));
        return view(shown, Map.of(), current, "true".equals(request.getParameter("saved")));
    }

    private PageResult save(HttpServletRequest request) {
        FormErrors errors = new FormErrors(messages);
        List<String> names = new ArrayList<>(FIELDS.keySet());
        TRANSPORTS.forEach(t -> names.add("transport-" + t));
        FormFields form = new FormFields(request, errors, names.toArray(String[]::new));
        String transports = String.join(",", TRANSPORTS.stream().filter(t -> form.checkbox("transport-" + t)).toList());
        Optional<Integer> listenPort = form.integer("listenPort");
        Optional<Integer> tlsPort = form.integer("tlsPort");
        Optional<Integer> frontEndPort = form.integer("frontEndPort");
        Optional<Integer> keepAlive = form.integer("keepAlive");
        Optional<Integer> errorWindow = form.integer("errorWindow");
        // Ranges are checked here so several wrong numbers are named at once; the rest is BridgeSettings' to judge.
        inRange(errors, "listenPort", listenPort, 1, 65535);
        inRange(errors, "tlsPort", tlsPort, 1, 65535);
        inRange(errors, "frontEndPort", frontEndPort, 0, 65535);
        inRange(errors, "keepAlive", keepAlive, 5, Integer.MAX_VALUE);
        inRange(errors, "errorWindow", errorWindow, 0, 30);
        if (transports.isEmpty()) {
            errors.add("transports", "sipsettings.error.transports");
        }
        Map<String, String> current = store.current();
        Map<String, String> typed = new HashMap<>(form.typed());
        typed.put("transports", transports);
        if (errors.isEmpty()) {
            String keyStorePassword = passwordOrStored(form, "tlsKeyStorePassword", current);
            String trustStorePassword = passwordOrStored(form, "tlsTrustStorePassword", current);
            try {
                BridgeSettings.parse(form.checkbox("enabled"), form.text("listenAddress"), listenPort.get(), transports, form.text("frontEndHost"),
                        frontEndPort.get(), form.text("frontEndTransport"), form.text("trustedPeers"), Duration.ofSeconds(keepAlive.get()),
                        form.text("domainMappings"), form.text("sipHomedPatterns"), form.text("messageType"), Duration.ofSeconds(errorWindow.get()),
                        form.text("addressing"), form.text("componentSubdomain"),
                        new BridgeSettings.TlsText(tlsPort.get(), form.text("tlsKeyStore"), keyStorePassword, form.text("tlsTrustStore"),
                                trustStorePassword, form.text("tlsTrustedPeerNames")));
                Map<String, String> values = new LinkedHashMap<>();
                FIELDS.forEach((field, key) -> {
                    if (field.equals("enabled")) {
                        values.put(key, Boolean.toString(form.checkbox("enabled")));
                    } else if (field.equals("transports")) {
                        values.put(key, transports);
                    } else if (!PASSWORDS.contains(field) || !form.text(field).isEmpty()) {
                        values.put(key, form.text(field));
                    }
                });
                store.save(values);
                store.apply();
                return PageResult.redirect("sip-settings.jsp?saved=true");
            } catch (SettingException e) {
                String field = fieldOf(e.field());
                errors.add(field, "sipsettings.error." + field, typed.getOrDefault(field, ""));
            } catch (IllegalArgumentException e) {
                errors.add("enabled", "sipsettings.error.invalid", e.getMessage());
            }
        }
        PASSWORDS.forEach(p -> typed.put(p, "")); // a password is never sent back to the browser
        return view(typed, errors.asMap(), current, false);
    }

    private static void inRange(FormErrors errors, String field, Optional<Integer> value, int min, int max) {
        value.filter(v -> v < min || v > max).ifPresent(v -> errors.add(field, "sipsettings.error." + field, String.valueOf(v)));
    }

    private static String passwordOrStored(FormFields form, String field, Map<String, String> current) {
        String typed = form.text(field);
        return typed.isEmpty() ? current.getOrDefault(FIELDS.get(field), "") : typed;
    }

    /** {@code sip.listen.port} -> {@code listenPort}. */
    static String fieldOf(String setting) {
        String key = setting.startsWith("sip.") ? setting.substring(4) : setting;
        return FIELDS.entrySet().stream().filter(e -> e.getValue().equals(key)).map(Map.Entry::getKey).findFirst().orElse("enabled");
    }

    private PageResult view(Map<String, String> fields, Map<String, String> errors, Map<String, String> stored, boolean saved) {
        PartStatus sip = parts.get().stream().filter(p -> p.part().equals("sip")).findFirst().orElse(PartStatus.disabled("sip"));
        ListenNode node = store.listenNode();
        return PageResult.render(new SipSettingsView(fields, errors, saved, List.of(fields.getOrDefault("transports", "").split("\\s*,\\s*")),
                Map.of("tlsKeyStorePassword", !stored.getOrDefault("tls.keyStorePassword", "").isEmpty(),
                        "tlsTrustStorePassword", !stored.getOrDefault("tls.trustStorePassword", "").isEmpty()),
                node.state(), node.nodeAddress(), node.setting(), sip.state().code(), sip.cause() == null ? "" : sip.cause()));
    }
}
