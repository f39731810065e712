package org.federationgateway.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Domains are validated and normalised (RFC 7622 §3.2, IDNA); subdomains are never implied; the *.domain rule. */
class DomainsTest {

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
        Example.COM           | example.com           | case folded
        example.com.          | example.com           | the trailing dot of a fully qualified name is dropped
        Bücher.Example        | xn--bcher-kva.example | IDN to A-label (RFC 5890)
        xn--bcher-kva.example | xn--bcher-kva.example | A-label stays
        '  jabber.org  '      | jabber.org            | surrounding blanks trimmed
        """)
    void rfc7622Section3_2_normalisation(String input, String expected, String rationale) {
        assertEquals(expected, Domain.parse(input).value(), rationale);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
        a..b            | policy.error.domain.invalid  | empty label
        -a.example      | policy.error.domain.invalid  | label starts with a hyphen
        a_b.example     | policy.error.domain.invalid  | underscore is not allowed in host names
        user@b.example  | policy.error.domain.invalid  | a JID, not a domain
        10.0.0.1        | policy.error.domain.ip       | an IP address
        ''              | policy.error.domain.required | empty
        """)
    void badDomainsAreRefusedByName(String input, String key, String rationale) {
        InvalidFieldException e = assertThrows(InvalidFieldException.class, () -> Domain.parse(input, "primaryDomain"), rationale);
        assertEquals("primaryDomain", e.field());
        assertEquals(key, e.messageKey(), rationale);
    }

    @Test
    void aWildcardMatchesEverySubdomainButNotTheDomainItself() {
        DomainPattern p = DomainPattern.parse("*.Example.com", "additionalDomains");
        assertEquals("*.example.com", p.toString());
        assertEquals(true, p.matches("chat.example.com"));
        assertEquals(true, p.matches("a.b.example.com"));
        assertEquals(false, p.matches("example.com"));
        assertEquals(false, p.matches("badexample.com"));
        assertThrows(InvalidFieldException.class, () -> DomainPattern.parse("chat.*.com", "additionalDomains"));
    }

    @Test
    void subdomainsAreNotImpliedUnlessListed() {
        Partner b = Partner.withDefaults(Domain.parse("b.test"))
                .withAdditionalDomains(List.of(DomainPattern.parse("conference.b.test", "x"), DomainPattern.parse("*.users.b.test", "x")));
        PolicySnapshot s = new PolicySnapshot(List.of(b), List.of(), List.of(), GatewaySettings.defaults(), false);
        assertSame(b, s.partnerFor("b.test"));
        assertSame(b, s.partnerFor("conference.b.test"));
        assertSame(b, s.partnerFor("x.users.b.test"));
        assertNull(s.partnerFor("chat.b.test"), "not listed, so not the partner's");
        assertNull(s.partnerFor("users.b.test"), "the wildcard does not cover its own base");
    }

    @Test
    void aDomainBelongsToOnePartnerOnly() {
        Partner b = Partner.withDefaults(Domain.parse("b.test"));
        Partner c = Partner.withDefaults(Domain.parse("c.test")).withAdditionalDomains(List.of(DomainPattern.parse("B.test", "x")));
        InvalidFieldException e = assertThrows(InvalidFieldException.class,
                () -> new PolicySnapshot(List.of(b, c), List.of(), List.of(), GatewaySettings.defaults(), false));
        assertEquals("policy.error.partner.domainTaken", e.messageKey());
    }

    @Test
    void enumsAreStoredByStableCodes() {
        assertEquals("public-unverified", PartnerType.PUBLIC_UNVERIFIED.code());
        assertEquals(PartnerType.PUBLIC_VERIFIED, PartnerType.fromCode("public-verified"));
        assertEquals(Negotiation.NOT_SUPPORTED, Negotiation.fromCode("not-supported", "tlsNegotiation"));
        InvalidFieldException e = assertThrows(InvalidFieldException.class, () -> PartnerType.fromCode("PUBLIC_VERIFIED"));
        assertEquals("partnerType", e.field());
    }
}
