package org.federationgateway.openfire;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.List;

import org.federationgateway.audit.Audit;
import org.federationgateway.enforce.StanzaEnforcer;
import org.federationgateway.gateway.SipHoming;
import org.federationgateway.openfire.FederationInterceptor.Path;
import org.federationgateway.policy.AccessPolicy;
import org.federationgateway.policy.Assignment;
import org.federationgateway.policy.AssignmentKind;
import org.federationgateway.policy.Decision;
import org.federationgateway.policy.Direction;
import org.federationgateway.policy.Domain;
import org.federationgateway.policy.GatewaySettings;
import org.federationgateway.policy.LocalParty;
import org.federationgateway.policy.Partner;
import org.federationgateway.policy.PartnerType;
import org.federationgateway.policy.PolicyEvaluator;
import org.federationgateway.policy.PolicySnapshot;
import org.federationgateway.policy.ReasonCode;
import org.federationgateway.policy.StanzaFacts;
import org.federationgateway.policy.StanzaKind;
import org.jivesoftware.openfire.StreamID;
import org.jivesoftware.openfire.session.ClientSession;
import org.jivesoftware.openfire.session.OutgoingServerSession;
import org.jivesoftware.openfire.session.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;

/**
 * The interceptor's own logic, without a server: Openfire's sessions are its interfaces, answered by proxies.
 * Refusing a stanza means throwing Openfire's PacketRejectedException, which the compile-only stand-in cannot
 * construct; a refusal is therefore seen in the audit (written before the throw) and as a thrown exception.
 */
class FederationInterceptorTest {
    private static final LocalDomains DOMAINS = new LocalDomains("a.test");
    /** b.test a Federated partner; Openfire users have no XMPP access, the SIP user romeo@a.test has (by his SIP address). */
    private static final PolicySnapshot POLICY = new PolicySnapshot(
            List.of(Partner.withDefaults(Domain.parse("b.test")).withType(PartnerType.FEDERATED)),
            List.of(new AccessPolicy("global", "", false, false, false, false), new AccessPolicy("sip-users", "", true, false, false, false)),
            List.of(new Assignment(AssignmentKind.SIP, "romeo@a.test", "sip-users")), GatewaySettings.defaults(), false);
    /** In shared-domain addressing alice is an Openfire user; every other address at a.test is a SIP user. */
    private static final SipHoming HOMING = SipHoming.sharedDomain("a.test", user -> user.equals("alice"), List.of());

    private final Audit audit = new Audit(10);
    private final BridgeRoute bridge = new BridgeRoute();
    private final FederationInterceptor interceptor = new FederationInterceptor(DOMAINS,
            new StanzaEnforcer(() -> POLICY, new PolicyEvaluator(), user -> List.of(), (user, remote) -> false, audit,
                    (key, args) -> key, Clock.systemUTC()),
            new SessionChecks(() -> POLICY, new PolicyEvaluator(), (key, args) -> key), packet -> { }, bridge);

    @SuppressWarnings("unchecked")
    private static <T extends Session> T session(Class<T> type) {
        StreamID id = () -> "stream-1";
        return (T) Proxy.newProxyInstance(FederationInterceptorTest.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getStreamID" -> id;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> null; // e.g. no authentication method yet: the session rules judge it once it has one
                });
    }

    private static Session sessionOfKind(String kind) {
        return switch (kind) {
            case "none" -> null;
            case "client" -> session(ClientSession.class);
            case "outgoing-s2s" -> session(OutgoingServerSession.class);
            default -> throw new IllegalArgumentException(kind);
        };
    }

    @ParameterizedTest(name = "{0} -> {1} {2} session={3}: {4}")
    @CsvSource(delimiter = '|', textBlock = """
        juliet@b.test | alice@a.test     | true  | none         | FROM_REMOTE_SERVER
        juliet@b.test | sip.a.test       | true  | none         | FROM_REMOTE_SERVER
        juliet@b.test | dan@d.test       | true  | none         | RELAY_BETWEEN_REMOTES
        juliet@b.test | b.test           | true  | none         | RELAY_BETWEEN_REMOTES
        bob@a.test    | alice@a.test     | true  | none         | NOT_FEDERATED
        alice@a.test  | juliet@b.test    | true  | client       | FROM_LOCAL_USER_TO_REMOTE
        alice@a.test  | bob@a.test       | true  | client       | NOT_FEDERATED
        alice@a.test  | romeo@sip.a.test | true  | client       | NOT_FEDERATED
        alice@a.test  | juliet@b.test    | false | outgoing-s2s | LEAVING_OVER_S2S
        alice@a.test  | juliet@b.test    | false | client       | NOT_FEDERATED
        alice@a.test  | juliet@b.test    | false | none         | NOT_FEDERATED
        """)
    void openfiresTwoBooleansAndTheSessionNameOnePath(String from, String to, boolean incoming, String session, Path expected) {
        Message m = new Message();
        m.setFrom(from);
        m.setTo(to);
        assertEquals(expected, interceptor.path(m, sessionOfKind(session), incoming));
    }

    private static Presence presence(String from, String to) {
        Presence p = new Presence();
        p.setFrom(new JID(from));
        p.setTo(new JID(to));
        p.setStatus("At the desk phone");
        return p;
    }

    private void leaving(Packet p) throws Exception {
        interceptor.interceptPacket(p, session(OutgoingServerSession.class), false, false);
    }

    @Test
    void sharedDomain_theTwoJudgementsOfASipUsersPresenceDisagree() {
        PolicyEvaluator evaluator = new PolicyEvaluator();
        Decision asSipAddress = evaluator.evaluate(POLICY, new StanzaFacts(Direction.OUTBOUND, "b.test", LocalParty.SIP_ADDRESS, "romeo@a.test",
                StanzaKind.PRESENCE, true));
        Decision asOpenfireUser = evaluator.evaluate(POLICY, new StanzaFacts(Direction.OUTBOUND, "b.test", LocalParty.USER, "romeo",
                StanzaKind.PRESENCE, true));
        assertEquals(Decision.ALLOW, asSipAddress, "the bridge judges romeo by his SIP address assignment");
        assertEquals(ReasonCode.XMPP_ACCESS_DISABLED, asOpenfireUser.reason(), "the same stanza judged as Openfire user 'romeo'");
    }

    @Test
    void sharedDomain_withoutTheBridgeTheInterceptorJudgesTheSenderAsAnOpenfireUser() {
        // what happened before the presence was judged once: the bridge's stanza met the policy a second time here
        assertThrows(UnsupportedOperationException.class, () -> leaving(presence("romeo@a.test/phone", "juliet@b.test")));
        assertEquals(1, audit.latestRefusals().size());
        assertEquals(ReasonCode.XMPP_ACCESS_DISABLED.code(), audit.latestRefusals().get(0).reason());
    }

    @Test
    void sharedDomain_presenceTheBridgeSendsForASipUserIsJudgedOnceByTheBridge() throws Exception {
        bridge.open(null, packet -> false, HOMING);
        Presence fromSipUser = presence("romeo@a.test/phone", "juliet@b.test");
        assertDoesNotThrow(() -> leaving(fromSipUser));
        assertEquals("At the desk phone", fromSipUser.getStatus(), "left as the bridge judged it");
        assertEquals(List.of(), audit.latestRefusals(), "no second judgement, no second audit line");

        // an Openfire user's presence is still judged here, with the user's own policy
        assertThrows(UnsupportedOperationException.class, () -> leaving(presence("alice@a.test/desk", "juliet@b.test")));
        assertEquals(ReasonCode.XMPP_ACCESS_DISABLED.code(), audit.latestRefusals().get(0).reason());
    }

    /** A partner's stanza for another partner's user through this server is refused with no-relay, not passed on. */
    @Test
    void aRemoteServersStanzaForAnotherRemoteDomainIsRefusedAsNoRelay() {
        Message m = new Message();
        m.setFrom(new JID("bob@b.test/x"));
        m.setTo(new JID("dan@d.test"));
        m.setBody("relay me");
        assertThrows(UnsupportedOperationException.class, () -> interceptor.interceptPacket(m, null, true, false),
                "refused (the stand-in cannot construct PacketRejectedException)");
        assertEquals(ReasonCode.NO_RELAY.code(), audit.latestRefusals().get(0).reason());
        assertEquals("b.test", audit.latestRefusals().get(0).partner());
    }

    /** Counts how often the interceptor reads the stanza's addresses (each read parses the attribute and rebuilds the JID's text). */
    private static final class CountingMessage extends Message {
        int reads;

        CountingMessage(String from, String to) {
            setFrom(from);
            setTo(to);
        }

        @Override
        public JID getFrom() {
            reads++;
            return super.getFrom();
        }

        @Override
        public JID getTo() {
            reads++;
            return super.getTo();
        }
    }

    /** The per-stanza cost the plugin adds where it has nothing to judge: most of Openfire's calls are decided by the session alone. */
    @ParameterizedTest(name = "incoming={0} processed={1} session={2}: no address read")
    @CsvSource(delimiter = '|', textBlock = """
        false | false | client
        false | false | none
        false | true  | outgoing-s2s
        true  | true  | none
        true  | false | incoming-s2s
        """)
    void callsDecidedByTheSessionAloneReadNoAddress(boolean incoming, boolean processed, String kind) throws Exception {
        CountingMessage m = new CountingMessage("juliet@b.test/x", "alice@a.test");
        Session s = kind.equals("incoming-s2s") ? session(org.jivesoftware.openfire.session.IncomingServerSession.class) : sessionOfKind(kind);
        interceptor.interceptPacket(m, s, incoming, processed);
        assertEquals(0, m.reads);
    }
}
