package org.federationgateway.openfire;

import java.util.List;
import java.util.Locale;

import org.federationgateway.enforce.Texts;
import org.jivesoftware.util.JiveGlobals;
import org.jivesoftware.util.LocaleUtils;

/** Refusal texts from the plugin's bundle in the server's language, with that language as xml:lang. */
final class OpenfireTexts implements Texts {
    private final String plugin;

    OpenfireTexts(String plugin) {
        this.plugin = plugin;
    }

    @Override
    public String reason(String messageKey, String remoteDomain) {
        return LocaleUtils.getLocalizedString(messageKey, plugin, List.of(remoteDomain));
    }

    @Override
    public String lang() {
        Locale locale = JiveGlobals.getLocale();
        return locale == null ? null : locale.toLanguageTag();
    }
}
