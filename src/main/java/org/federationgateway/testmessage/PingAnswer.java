package org.federationgateway.testmessage;

/** What the partner's server answered to an XEP-0199 ping from this server (§4.3, server to server). */
public sealed interface PingAnswer {
    record Pong() implements PingAnswer {
    }

    record Error(String condition, String text) implements PingAnswer {
        public Error {
            text = text == null ? "" : text;
        }
    }

    record Silence() implements PingAnswer {
    }

    record NotRouted(String why) implements PingAnswer {
    }
}
