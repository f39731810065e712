package org.federationgateway.gateway;

import java.time.Clock;
import java.time.Duration;

import org.federationgateway.translate.AddressMapping;
import org.federationgateway.translate.SipUri;
import org.slf4j.Logger;
import org.federationgateway.lifecycle.NodeLog;
import org.xmpp.packet.JID;
import org.xmpp.packet.Presence;

/** What both presence directions share: the subscriptions, the two outlets, the clock, and small helpers. */
final class PresenceContext {
    private static final Logger LOG = NodeLog.getLogger(PresenceContext.class);

    final AddressMapping addresses;
    final SubscriptionStore subscriptions;
    final XmppOutlet xmpp;
    final SipPresenceOutlet sip;
    final Clock clock;
    /** The subscription duration the gateway asks for and grants, in seconds. */
    final int expires;

    PresenceContext(AddressMapping addresses, SubscriptionStore subscriptions, XmppOutlet xmpp, SipPresenceOutlet sip, Clock clock,
                    Duration expires) {
        this.addresses = addresses;
        this.subscriptions = subscriptions;
        this.xmpp = xmpp;
        this.sip = sip;
        this.clock = clock;
        this.expires = (int) Math.min(Integer.MAX_VALUE, expires.toSeconds());
    }

    void send(Presence p) {
        try {
            xmpp.send(p);
        } catch (XmppUnavailableException e) {
            LOG.info("Federation Gateway: presence {} for {} not delivered: {}", p.getType(), p.getTo(), e.getMessage());
        }
    }

    static Presence presence(Presence.Type type, String from, String to) {
        Presence p = new Presence(type);
        p.setFrom(from);
        p.setTo(to);
        return p;
    }

    SipUri sipUri(String bareJid) {
        return addresses.toSip(new JID(bareJid));
    }

    int remaining(PresenceSubscription s) {
        return (int) Math.max(0, Duration.between(clock.instant(), s.expires()).toSeconds());
    }

    static String tag() {
        return Long.toHexString(Double.doubleToLongBits(Math.random()) ^ System.nanoTime());
    }
}
