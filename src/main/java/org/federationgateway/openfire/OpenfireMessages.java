package org.federationgateway.openfire;

import java.util.Arrays;

import org.federationgateway.admin.Messages;
import org.jivesoftware.util.LocaleUtils;

/** The plugin's bundle in the admin console's language, through Openfire's LocaleUtils. */
final class OpenfireMessages implements Messages {
    private final String plugin;

    OpenfireMessages(String plugin) {
        this.plugin = plugin;
    }

    @Override
    public String get(String key, Object... args) {
        return args.length == 0
                ? LocaleUtils.getLocalizedString(key, plugin)
                : LocaleUtils.getLocalizedString(key, plugin, Arrays.asList(args));
    }
}
