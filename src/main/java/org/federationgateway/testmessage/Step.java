package org.federationgateway.testmessage;

import java.util.List;
import java.util.Objects;

/**
 * One line of a test message's report: what was done, how it went, a stable code (a reason code, an XMPP error
 * condition, a SIP status), the bundle key of its sentence with its arguments, and how long it took.
 */
public record Step(Kind kind, Verdict verdict, String code, String key, List<String> args, long millis) {
    /** What the step is about, in the order a test runs them. */
    public enum Kind {
        INPUT("input"), POLICY("policy"), SESSION("session"), PING("ping"), DELIVERY("delivery"), SIP("sip");

        private final String code;

        Kind(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /** How a step went. */
    public enum Verdict {
        OK("ok"), WARNING("warning"), FAIL("fail");

        private final String code;

        Verdict(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    public Step {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(key, "key");
        args = args.stream().map(a -> a == null ? "" : a).toList();
        if (millis < 0) {
            throw new IllegalArgumentException("a step cannot take negative time: " + millis);
        }
    }

    Step took(long elapsed) {
        return new Step(kind, verdict, code, key, args, elapsed);
    }
}
