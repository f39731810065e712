package org.jivesoftware.util;

import java.util.List;
import java.util.Locale;

/** Stand-in for Openfire 5's LocaleUtils (declarations only). */
public class LocaleUtils {
    /** Openfire's own constructor is not public; without this the compiler would declare a public one. */
    private LocaleUtils() { throw new UnsupportedOperationException("Openfire API stand-in"); }

    public static String getLocalizedString(String key, String pluginName) { throw new UnsupportedOperationException("Openfire API stand-in"); }

    public static String getLocalizedString(String key, String pluginName, List<?> arguments) { throw new UnsupportedOperationException("Openfire API stand-in"); }
}
