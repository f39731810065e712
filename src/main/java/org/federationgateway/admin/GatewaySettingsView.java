package org.federationgateway.admin;

import java.util.List;
import java.util.Map;

import org.federationgateway.policy.EnforcementMode;

/**
 * The gateway settings form.
 *
 * @param fields the form's values by field name, as typed or as stored
 * @param errors the error of each refused field, by field name
 * @param saved  whether the page follows a successful save
 */
public record GatewaySettingsView(Map<String, String> fields, Map<String, String> errors, boolean saved) implements ViewModel, FormView {
    private static final List<String> MODES = List.of(EnforcementMode.ENFORCE.code(), EnforcementMode.OBSERVE.code());

    public GatewaySettingsView {
        fields = Views.map(fields, "fields");
        errors = Views.map(errors, "errors");
    }

    public List<String> modes() {
        return MODES;
    }
}
