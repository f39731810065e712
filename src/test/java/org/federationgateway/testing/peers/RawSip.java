package org.federationgateway.testing.peers;

/** Reading SIP messages that a test received as raw datagrams. */
public final class RawSip {
    private RawSip() {
    }

    /** The value of the first header of that name (case-insensitive, as RFC 3261 §7.3.1 says), or null. */
    public static String header(String message, String name) {
        for (String line : message.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }
}
