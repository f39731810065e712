package org.federationgateway.testing.peers;

import java.util.regex.Pattern;

/**
 * What Prosody 0.12's debug log says about S2S authentication (observed in its log, not a documented format):
 * tests assert on these instead of repeating the strings.
 */
public final class ProsodyLogPatterns {
    /** This server authenticated to a peer with its certificate. */
    public static final Pattern SASL_EXTERNAL_OUTGOING = Pattern.compile("saslauth\\s+debug\\s+SASL EXTERNAL with \\S+ succeeded");
    /** A peer authenticated to this server with its certificate. */
    public static final Pattern SASL_EXTERNAL_INCOMING = Pattern.compile("saslauth\\s+info\\s+Accepting SASL EXTERNAL identity from \\S+");
    public static final Pattern DIALBACK_STARTED = Pattern.compile("dialback\\s+debug\\s+Initiating dialback");
    /** An outgoing S2S stream was encrypted (STARTTLS done). */
    public static final Pattern S2S_OUT_ENCRYPTED = Pattern.compile("s2sout\\S*\\s+info\\s+Stream encrypted");
    public static final Pattern PEER_CHAIN_INVALID = Pattern.compile("certificate chain validation result: invalid");
    /** The peer closed this server's outgoing stream with a policy-violation stream error; group 1 is its text. */
    public static final Pattern OUTGOING_CLOSED_BY_POLICY =
            Pattern.compile("s2sout\\S*\\s+warn\\s+Session closed by remote with error: policy-violation \\((.*)\\)");
    public static final Pattern PEER_CHAIN_VALID = Pattern.compile("certificate chain validation result: valid");

    private ProsodyLogPatterns() {
    }

    public static boolean found(Pattern pattern, String log) {
        return pattern.matcher(log).find();
    }
}
