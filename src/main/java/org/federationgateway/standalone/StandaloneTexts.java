package org.federationgateway.standalone;

import java.text.MessageFormat;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

import org.federationgateway.i18n.Messages;

/** Refusal texts from the plugin's English bundle on the classpath, as the plugin would send them. */
final class StandaloneTexts implements Messages {
    private static final ResourceBundle BUNDLE = load();

    @Override
    public String get(String key, Object... args) {
        if (BUNDLE != null && BUNDLE.containsKey(key)) {
            return MessageFormat.format(BUNDLE.getString(key), args);
        }
        return args.length == 0 ? key : key + " (" + java.util.Arrays.stream(args).map(String::valueOf).collect(java.util.stream.Collectors.joining(", ")) + ")";
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
