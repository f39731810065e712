package org.federationgateway.openfire;

import java.util.Arrays;
import java.util.Locale;

import org.federationgateway.i18n.Messages;
import org.jivesoftware.util.JiveGlobals;
import org.jivesoftware.util.LocaleUtils;

/**
 * The plugin's bundle in the server's language through Openfire's LocaleUtils: the admin pages' texts and the
 * refusal texts, with that language as xml:lang when they go out.
 */
final class OpenfireTexts implements Messages {
    private final String plugin;

    OpenfireTexts(String plugin) {
        this.plugin = plugin;
    }

    @Override
    public String get(String key, Object... args) {
        return args.length == 0
                ? LocaleUtils.getLocalizedString(key, plugin)
                : LocaleUtils.getLocalizedString(key, plugin, Arrays.asList(args));
    }

    @Override
    public String lang() {
        Locale locale = JiveGlobals.getLocale();
        return locale == null ? null : locale.toLanguageTag();
    }
}
