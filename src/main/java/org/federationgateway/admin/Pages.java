package org.federationgateway.admin;

import org.federationgateway.i18n.Messages;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** The admin pages a running plugin serves, by the name their view asks for. */
public final class Pages {
    /**
     * Pages whose POST runs something and saves nothing (the readiness checks, a test message): they are not run as an
     * audited change, so waiting for the network does not hold up other administrators' changes.
     */
    public static final Set<String> ACTIONS_WITHOUT_CHANGES = Set.of("readiness", "test-message");

    private final Map<String, PageController> controllers;
    private final Messages messages;
    private final AdminChanges changes;

    public Pages(Map<String, PageController> controllers, Messages messages) {
        this(controllers, messages, AdminChanges.unaudited());
    }

    public Pages(Map<String, PageController> controllers, Messages messages, AdminChanges changes) {
        this.controllers = Map.copyOf(Objects.requireNonNull(controllers, "controllers"));
        this.messages = Objects.requireNonNull(messages, "messages");
        this.changes = Objects.requireNonNull(changes, "changes");
    }

    /** The one way changes are made and audited, shared with the REST API. */
    public AdminChanges changes() {
        return changes;
    }

    public Optional<PageController> controller(String name) {
        return Optional.ofNullable(controllers.get(name));
    }

    public Messages messages() {
        return messages;
    }
}
