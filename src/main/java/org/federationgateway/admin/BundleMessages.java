package org.federationgateway.admin;

import org.federationgateway.i18n.Messages;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Objects;
import java.util.ResourceBundle;

/** The plugin's bundle through plain {@link ResourceBundle}, for hosts other than Openfire's admin console. */
public final class BundleMessages implements Messages {
    public static final String BASE_NAME = "federationgateway_i18n";

    private final ResourceBundle bundle;
    private final Locale locale;

    public BundleMessages(Locale locale, ClassLoader loader) {
        this.locale = Objects.requireNonNull(locale, "locale");
        // Without the fallback control a machine whose default locale is Russian would show Russian on an English page.
        this.bundle = ResourceBundle.getBundle(BASE_NAME, locale, loader,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    @Override
    public String get(String key, Object... args) {
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            return "???" + key + "???";
        }
        return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
    }
}
