package org.federationgateway.gateway;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.xmpp.packet.JID;

/**
 * Which local XMPP addresses belong to users homed on the SIP platform. Two modes: the gateway owns a
 * component domain (every address there is SIP-homed), or SIP users share the server's domain as in Lync
 * (addresses that are not server users, or that match a configured pattern, are SIP-homed).
 */
public interface SipHoming {
    boolean isSipHomed(JID address);

    /** The gateway's own component domain in mode (a); empty when SIP users share the server's domain. */
    default Optional<String> componentDomain() {
        return Optional.empty();
    }

    /** Mode (a): the gateway is a component at its own domain. */
    static SipHoming componentDomain(String domain) {
        String d = domain.toLowerCase(Locale.ROOT);
        return new SipHoming() {
            @Override
            public boolean isSipHomed(JID jid) {
                return jid != null && jid.getNode() != null && d.equals(jid.getDomain());
            }

            @Override
            public Optional<String> componentDomain() {
                return Optional.of(d);
            }
        };
    }

    /**
     * Mode (b): the server's own domain; an address is SIP-homed if it matches one of {@code patterns}
     * (regular expressions over the localpart) or is not a user of the server.
     */
    static SipHoming sharedDomain(String domain, Predicate<String> isServerUser, List<Pattern> patterns) {
        String d = domain.toLowerCase(Locale.ROOT);
        Objects.requireNonNull(isServerUser, "isServerUser");
        List<Pattern> rules = List.copyOf(patterns);
        return jid -> jid != null && jid.getNode() != null && d.equals(jid.getDomain())
                && (rules.stream().anyMatch(p -> p.matcher(jid.getNode()).matches()) || !isServerUser.test(jid.getNode()));
    }
}
