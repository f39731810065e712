package org.federationgateway.admin;

import java.util.Map;

/**
 * A page that shows one form: what its fields hold (as typed, or as stored) and the error of each field that was
 * refused, both by the form field's name. The REST API reads the same two maps.
 */
public interface FormView {
    Map<String, String> fields();

    Map<String, String> errors();
}
