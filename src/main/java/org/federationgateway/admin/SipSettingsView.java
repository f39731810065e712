package org.federationgateway.admin;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The SIP bridge settings form and the bridge's state.
 *
 * @param fields            the form's values by field name, as typed or as stored; passwords always empty
 * @param errors            the error of each refused field, by field name
 * @param saved             whether the page follows a successful save
 * @param checkedTransports the transports the listener uses
 * @param passwordSet       by password field: whether a password is stored (it is kept when the field is left empty)
 * @param listenNode        {@code own}, {@code missing} or {@code shared}: see {@link SipSettingsPage.ListenNode#state()}
 * @param nodeAddress       this node's own listen address, or empty
 * @param nodeSetting       the name of the node-local setting that holds it, or empty
 * @param sipState          the SIP part's state code
 * @param sipCause          why it failed or is off, or empty
 */
public record SipSettingsView(Map<String, String> fields, Map<String, String> errors, boolean saved, List<String> checkedTransports,
                              Map<String, Boolean> passwordSet, String listenNode, String nodeAddress, String nodeSetting,
                              String sipState, String sipCause) implements ViewModel, FormView {
    private static final Set<String> LISTEN_NODES = Set.of("own", "missing", "shared");

    public SipSettingsView {
        fields = Views.map(fields, "fields");
        errors = Views.map(errors, "errors");
        checkedTransports = Views.list(checkedTransports, "checkedTransports");
        passwordSet = Views.map(passwordSet, "passwordSet");
        if (!LISTEN_NODES.contains(Views.text(listenNode, "listenNode"))) {
            throw new IllegalArgumentException("listenNode must be one of " + LISTEN_NODES + ", not " + listenNode);
        }
        Views.texts("nodeAddress", nodeAddress, "nodeSetting", nodeSetting, "sipState", sipState,
                "sipCause", sipCause);
    }

    /** The transports a listener or the front end may use. */
    public List<String> transports() {
        return SipSettingsPage.TRANSPORTS;
    }
}
