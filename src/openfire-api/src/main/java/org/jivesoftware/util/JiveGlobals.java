package org.jivesoftware.util;

import java.util.Locale;

/** Stand-in for Openfire 5's JiveGlobals (declarations only). */
public class JiveGlobals {

    public static String getProperty(String name, String defaultValue) { throw new UnsupportedOperationException("Openfire API stand-in"); }

    public static String getXMLProperty(String name) { throw new UnsupportedOperationException("Openfire API stand-in"); }

    public static Locale getLocale() { throw new UnsupportedOperationException("Openfire API stand-in"); }
}
