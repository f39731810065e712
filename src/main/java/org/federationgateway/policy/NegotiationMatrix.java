package org.federationgateway.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every combination of a partner's TLS, SASL and dialback settings and what each one accepts, computed by the
 * rules that decide ({@link NegotiationRules}): the table readme.html and the partner form show, so that the
 * documentation cannot say something the code does not do.
 */
public final class NegotiationMatrix {
    /** The ways a server-to-server session can authenticate. SASL EXTERNAL always runs inside TLS. */
    public enum Session {
        TLS_SASL_EXTERNAL(true, AuthMethod.SASL_EXTERNAL, "tls-sasl-external"),
        TLS_DIALBACK(true, AuthMethod.DIALBACK, "tls-dialback"),
        DIALBACK_WITHOUT_TLS(false, AuthMethod.DIALBACK, "dialback-without-tls");

        private final boolean encrypted;
        private final AuthMethod method;
        private final String code;

        Session(boolean encrypted, AuthMethod method, String code) {
            this.encrypted = encrypted;
            this.method = method;
            this.code = code;
        }

        public String messageKey() {
            return "negotiation.matrix.session." + code;
        }
    }

    /**
     * One combination: either refused at saving ({@code refusedKey}, the same message the form shows) or, for each
     * kind of session, empty when accepted and the refusal's reason otherwise, with the warnings the form shows.
     */
    public record Row(Negotiation tls, Negotiation sasl, boolean dialback, Optional<String> refusedKey,
            Map<Session, Optional<ReasonCode>> sessions, List<NegotiationWarning> warnings) {
        public boolean accepts(Session session) {
            return refusedKey.isEmpty() && sessions.get(session).isEmpty();
        }
    }

    private static final List<Row> ROWS = compute();

    private NegotiationMatrix() {
    }

    /** TLS Required, Optional, NotSupported; within each SASL the same; within each dialback on, then off. */
    public static List<Row> rows() {
        return ROWS;
    }

    private static List<Row> compute() {
        List<Row> rows = new ArrayList<>();
        for (Negotiation tls : Negotiation.values()) {
            for (Negotiation sasl : Negotiation.values()) {
                for (boolean dialback : new boolean[] {true, false}) {
                    rows.add(row(tls, sasl, dialback));
                }
            }
        }
        return List.copyOf(rows);
    }

    private static Row row(Negotiation tls, Negotiation sasl, boolean dialback) {
        NegotiationRules rules;
        try {
            rules = new NegotiationRules(tls, sasl, dialback);
        } catch (InvalidFieldException e) {
            return new Row(tls, sasl, dialback, Optional.of(e.messageKey()), Map.of(), List.of());
        }
        Map<Session, Optional<ReasonCode>> sessions = new LinkedHashMap<>();
        for (Session s : Session.values()) {
            sessions.put(s, Optional.ofNullable(rules.check(s.encrypted, s.method)));
        }
        return new Row(tls, sasl, dialback, Optional.empty(), java.util.Collections.unmodifiableMap(sessions), rules.warnings());
    }
}
