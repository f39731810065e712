package org.federationgateway.standalone;

import java.text.MessageFormat;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** Refusal texts from the plugin's English bundle on the classpath, as the plugin would send them. */
final class StandaloneTexts {
    private static final ResourceBundle BUNDLE = load();

    private StandaloneTexts() {
    }

    static String reason(String key, String remoteDomain) {
        if (BUNDLE != null && BUNDLE.containsKey(key)) {
            return MessageFormat.format(BUNDLE.getString(key), remoteDomain);
        }
        return key + " (" + remoteDomain + ")";
    }

    private static ResourceBundle load() {
        try {
            return ResourceBundle.getBundle("i18n/federationgateway_i18n", java.util.Locale.ROOT);
        } catch (MissingResourceException e) {
            try {
                return ResourceBundle.getBundle("federationgateway_i18n", java.util.Locale.ROOT);
            } catch (MissingResourceException none) {
                return null;
            }
        }
    }
}
