package org.federationgateway.testmessage;

import java.util.Objects;

/** What came back for the test message itself within the wait. */
public sealed interface Evidence {
    /** An XEP-0184 {@code <received/>} naming the message's id. */
    record Receipt(String from) implements Evidence {
    }

    /** A {@code type='error'} reply to it (RFC 6120 §8.3), with its defined condition and text. */
    record StanzaError(String from, String condition, String text) implements Evidence {
        public StanzaError {
            Objects.requireNonNull(condition, "condition");
            text = text == null ? "" : text;
            from = from == null ? "" : from;
        }
    }

    /** Nothing at all within the wait. */
    record Silence() implements Evidence {
    }

    /** This server could not hand it over for routing at all. */
    record NotRouted(String why) implements Evidence {
    }
}
