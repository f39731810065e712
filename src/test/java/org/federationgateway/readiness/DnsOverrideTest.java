package org.federationgateway.readiness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Openfire's dnsutil.dnsOverride, matched as DNSUtil matches it: exact, most specific wildcard, then *. */
class DnsOverrideTest {
    private static final DnsOverride OVERRIDE = DnsOverride.parse(
            "{b.test,10.0.0.2:5269}, {*.c.test,10.0.0.3:5270},{*.x.c.test,10.0.0.4:5271},{*,10.0.0.9:5269},{v6.test,[::1]:5269}");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "b.test,       10.0.0.2:5269",
            "B.TEST,       10.0.0.2:5269",
            "c.test,       10.0.0.3:5270",
            "chat.c.test,  10.0.0.3:5270",
            "y.x.c.test,   10.0.0.4:5271",
            "x.c.test,     10.0.0.4:5271",
            "other.test,   10.0.0.9:5269",
            "v6.test,      [::1]:5269"})
    void theExactDomainThenTheMostSpecificWildcardThenTheCatchAll(String domain, String target) {
        assertEquals(target, OVERRIDE.lookup(domain).orElseThrow().toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"'{b.test}'", "'{b.test,10.0.0.2}'", "'{b.test,10.0.0.2:5269} junk'"})
    void anEntryThatIsNotDomainHostPortIsRefused(String text) {
        assertThrows(IllegalArgumentException.class, () -> DnsOverride.parse(text));
    }

    @ParameterizedTest(name = "''{0}''")
    @CsvSource({"''", "' '"})
    void noOverrideMeansDns(String text) {
        assertEquals(Optional.empty(), DnsOverride.parse(text).lookup("b.test"));
    }
}
