package org.federationgateway.translate;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.xmpp.packet.Presence;

/**
 * RFC 4480 (RPID) activities ⇄ XMPP {@code <show/>}. SIP user agents show a contact as away or busy from
 * {@code <dm:person><rpid:activities>}, not from the {@code jabber:client} show that RFC 8048 §6.2 embeds, so the
 * gateway writes both (RFC 8048 allows extensions beside it) and reads either.
 *
 * <p>Writing (XMPP → SIP): away and xa become {@code <rpid:away/>} (RFC 4480 has no "extended away"); dnd becomes
 * {@code <rpid:busy/>} (RFC 8048 §6.2: dnd means busy); chat and plain available carry no activity.
 *
 * <p>Reading (SIP → XMPP): every activity RFC 4480 §3.2 names has a show value: unavailable for a while
 * (breakfast, dinner, meal, shopping, in-transit, travel, steering, away) is away; gone for long (vacation,
 * holiday, sleeping, permanent-absence, looking-for-work) is xa; engaged (busy, on-the-phone, meeting,
 * appointment, performance, presentation, spectator, worship) is dnd; activities that leave the person
 * reachable (working, playing, tv, unknown, other) add nothing. When several are given, the least available
 * wins. {@code <rpid:user-input>idle</rpid:user-input>} (§3.6) alone means away.
 */
public final class Rpid {
    public static final String NS = "urn:ietf:params:xml:ns:pidf:rpid";
    public static final String DATA_MODEL_NS = "urn:ietf:params:xml:ns:pidf:data-model";

    private static final Map<String, Presence.Show> READ = Map.ofEntries(
            Map.entry("away", Presence.Show.away), Map.entry("breakfast", Presence.Show.away),
            Map.entry("dinner", Presence.Show.away), Map.entry("meal", Presence.Show.away),
            Map.entry("shopping", Presence.Show.away), Map.entry("in-transit", Presence.Show.away),
            Map.entry("travel", Presence.Show.away), Map.entry("steering", Presence.Show.away),
            Map.entry("vacation", Presence.Show.xa), Map.entry("holiday", Presence.Show.xa),
            Map.entry("sleeping", Presence.Show.xa), Map.entry("permanent-absence", Presence.Show.xa),
            Map.entry("looking-for-work", Presence.Show.xa),
            Map.entry("busy", Presence.Show.dnd), Map.entry("on-the-phone", Presence.Show.dnd),
            Map.entry("meeting", Presence.Show.dnd), Map.entry("appointment", Presence.Show.dnd),
            Map.entry("performance", Presence.Show.dnd), Map.entry("presentation", Presence.Show.dnd),
            Map.entry("spectator", Presence.Show.dnd), Map.entry("worship", Presence.Show.dnd));

    private Rpid() {
    }

    /** The RPID activity element name for an XMPP show, empty for chat and plain available. */
    public static Optional<String> activityFor(Presence.Show show) {
        if (show == null) {
            return Optional.empty();
        }
        return switch (show) {
            case away, xa -> Optional.of("away");
            case dnd -> Optional.of("busy");
            case chat -> Optional.empty();
        };
    }

    /**
     * The XMPP show for the activities a document names (element local names) and its user-input value.
     *
     * @param userInput the text of {@code <rpid:user-input>}, or null
     */
    public static Optional<Presence.Show> showFor(Collection<String> activities, String userInput) {
        Presence.Show least = null;
        for (String a : activities) {
            Presence.Show s = READ.get(a.toLowerCase(Locale.ROOT));
            if (s != null && (least == null || rank(s) > rank(least))) {
                least = s;
            }
        }
        if (least == null && userInput != null && "idle".equalsIgnoreCase(userInput.strip())) {
            least = Presence.Show.away;
        }
        return Optional.ofNullable(least);
    }

    /** Availability order used to pick among resources and activities: chat, available, away, xa, dnd. */
    public static int rank(Presence.Show s) {
        if (s == null) {
            return 1;
        }
        return switch (s) {
            case chat -> 0;
            case away -> 2;
            case xa -> 3;
            case dnd -> 4;
        };
    }
}
