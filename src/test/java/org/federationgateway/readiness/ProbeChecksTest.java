package org.federationgateway.readiness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.federationgateway.policy.Negotiation;
import org.federationgateway.policy.NegotiationRules;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Lync's negotiation rules against what a partner offered: the verdict lines of the probe. */
class ProbeChecksTest {

    private static StreamProbe.Result offered(String offer) {
        boolean tls = offer.contains("starttls");
        StreamProbe.Features plain = new StreamProbe.Features(tls, offer.contains("tls-required"), offer.contains("dialback") && !tls, List.of());
        if (!tls) {
            return new StreamProbe.Result(plain, null, "", "", "", "", "");
        }
        StreamProbe.Features overTls = new StreamProbe.Features(false, false, offer.contains("dialback"),
                offer.contains("external") ? List.of("EXTERNAL") : List.of());
        return new StreamProbe.Result(plain, overTls, "TLSv1.3", "TLS_AES_128_GCM_SHA256", "CN=b.test", "", "");
    }

    @ParameterizedTest(name = "TLS {0} SASL {1} dialback {2}, partner offers {3}: {4}")
    @CsvSource(delimiter = '|', value = {
            // tls        | sasl          | dialback | offered                       | lines
            "required     | required      | true     | starttls external dialback    | tls:ok auth:ok",
            "required     | required      | true     | starttls dialback             | tls:ok auth.none:fail",
            "required     | optional      | true     | starttls dialback             | tls:ok auth:ok",
            "required     | required      | false    | starttls                      | tls:ok auth.none:fail",
            "required     | optional      | true     | dialback                      | tls.missing:fail auth:ok",
            "optional     | optional      | true     | dialback                      | tls.none:warning auth:ok",
            "not-supported| not-supported | true     | dialback                      | tls.none:ok auth:ok",
            "not-supported| not-supported | true     | starttls tls-required dialback| tls:ok tls.partnerrequires:fail auth:ok",
            "optional     | not-supported | true     | starttls external             | tls:ok auth.none:fail",
            "optional     | required      | true     | starttls dialback             | tls:ok auth:ok sasl.fallback:warning"})
    void lyncNegotiationSettings_rulesAgainstWhatThePartnerOffers(String tls, String sasl, boolean dialback, String offer, String expected) {
        NegotiationRules rules = new NegotiationRules(Negotiation.fromCode(tls, "tls"), Negotiation.fromCode(sasl, "sasl"), dialback);
        List<String> lines = ProbeChecks.judge("b.test", rules, offered(offer), true).stream()
                .map(f -> f.key().substring("readiness.probe.".length()) + ":" + f.verdict().code()).toList();
        assertEquals(List.of(expected.split(" ")), lines);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"unreachable", "refused"})
    void aPartnerThatCannotBeReachedOrRefusesTheStreamFails(String what) {
        StreamProbe.Result r = what.equals("unreachable")
                ? new StreamProbe.Result(null, null, "", "", "", "Connection refused", "")
                : new StreamProbe.Result(new StreamProbe.Features(true, true, false, List.of()), null, "TLSv1.3", "X", "CN=b.test",
                        "the partner closed the stream: policy-violation", "policy-violation");
        List<Finding> f = ProbeChecks.judge("b.test", NegotiationRules.DEFAULT, r, true);
        assertEquals(Verdict.FAIL, f.get(f.size() - 1).verdict());
        assertEquals("readiness.probe." + what, f.get(f.size() - 1).key());
    }
}
