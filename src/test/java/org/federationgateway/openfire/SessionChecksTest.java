package org.federationgateway.openfire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.federationgateway.policy.AccessPolicy;
import org.federationgateway.policy.Direction;
import org.federationgateway.policy.Domain;
import org.federationgateway.policy.GatewaySettings;
import org.federationgateway.policy.Partner;
import org.federationgateway.policy.PartnerType;
import org.federationgateway.policy.PolicyEvaluator;
import org.federationgateway.policy.PolicySnapshot;
import org.federationgateway.policy.ReasonCode;
import org.jivesoftware.openfire.StreamID;
import org.jivesoftware.openfire.session.IncomingServerSession;
import org.jivesoftware.openfire.session.OutgoingServerSession;
import org.jivesoftware.openfire.session.ServerSession;
import org.jivesoftware.openfire.session.Session;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * On a cluster Openfire's SessionManager lists every node's server-to-server sessions; this node judges and closes
 * only those it holds (Openfire's LocalSession). Another node's session is not asked for its facts (for a remote
 * session each question is a cluster call) and not closed; its own node's checks and sweep do that. Sessions are
 * proxies that record what they were asked; which of them this node holds is given by the test.
 */
class SessionChecksTest {
    /** b.test is a partner; d.test is none, so each of its sessions breaks the rules. */
    private static final PolicySnapshot POLICY = new PolicySnapshot(
            List.of(Partner.withDefaults(Domain.parse("b.test")).withType(PartnerType.FEDERATED)),
            List.of(new AccessPolicy("global", "", true, false, false, false)), List.of(), GatewaySettings.defaults(), false);

    /** A recording proxy: authenticated by dialback, not encrypted, every call noted. */
    private record Recorded(ServerSession session, List<String> calls) {
        boolean closed() {
            return calls.contains("close");
        }

        String streamError() {
            return calls.stream().filter(c -> c.startsWith("deliverRawText:")).findFirst().orElse("");
        }

        /** Calls beyond identifying the stream (its id, kept as the remembered decision's key). */
        List<String> questions() {
            return calls.stream().filter(c -> !c.equals("getStreamID")).toList();
        }
    }

    private static Recorded session(Class<? extends ServerSession> type, String stream) {
        List<String> calls = new ArrayList<>();
        StreamID id = () -> stream;
        ServerSession s = (ServerSession) Proxy.newProxyInstance(SessionChecksTest.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "hashCode":
                            return System.identityHashCode(proxy);
                        case "equals":
                            return proxy == args[0];
                        case "toString":
                            return stream;
                        default:
                            break;
                    }
                    calls.add(method.getName() + (method.getName().equals("deliverRawText") ? ":" + args[0] : ""));
                    return switch (method.getName()) {
                        case "getStreamID" -> id;
                        case "getAuthenticationMethod" -> ServerSession.AuthenticationMethod.DIALBACK;
                        case "isEncrypted" -> false;
                        default -> null;
                    };
                });
        return new Recorded(s, calls);
    }

    private static SessionChecks checks(List<Recorded> listed, Set<Session> heldHere) {
        List<IncomingServerSession> sessions = listed.stream().map(r -> (IncomingServerSession) r.session()).toList();
        return new SessionChecks(() -> POLICY, new PolicyEvaluator(), (key, args) -> key, domain -> sessions, heldHere::contains);
    }

    /**
     * Inbound sessions of d.test, a non-partner: {@code held} is which of them this node holds ("-" none). Each held
     * one is closed with policy-violation and the stanza refused; the others are neither asked nor closed.
     */
    @ParameterizedTest(name = "d.test sessions {0}, this node holds {1}: refused={2}")
    @CsvSource(delimiter = '|', textBlock = """
        here                 | here         | true
        elsewhere            | -            | false
        here,elsewhere       | here         | true
        elsewhere,here       | here         | true
        here,elsewhere,here2 | here,here2   | true
        elsewhere,elsewhere2 | -            | false
        """)
    void inbound_onlyTheSessionsThisNodeHoldsAreJudgedAndClosed(String listedStreams, String heldStreams, boolean refused) {
        List<Recorded> listed = Arrays.stream(listedStreams.split(",")).map(s -> session(IncomingServerSession.class, s)).toList();
        Set<String> heldNames = heldStreams.equals("-") ? Set.of() : Set.of(heldStreams.split(","));
        Set<Session> held = new java.util.HashSet<>();
        listed.stream().filter(r -> heldNames.contains(r.session().toString())).forEach(r -> held.add(r.session()));
        SessionChecks checks = checks(listed, held);

        ReasonCode reason = checks.enforceOnInbound("d.test");

        assertEquals(refused ? ReasonCode.NOT_A_PARTNER : null, reason);
        for (Recorded r : listed) {
            boolean ours = held.contains(r.session());
            assertEquals(ours, r.closed(), r.session() + " closed");
            if (ours) {
                assertTrue(r.streamError().contains("policy-violation"), r.session() + " told why: " + r.calls());
                assertTrue(checks.isClosing(SessionChecks.key(Direction.INBOUND, r.session())));
            } else {
                assertEquals(List.of(), r.questions(), "another node's session is not asked for its facts: " + r.calls());
                assertTrue(!checks.isClosing(SessionChecks.key(Direction.INBOUND, r.session())));
            }
        }
    }

    /** The outbound check and the sweep's close act alike: a session this node does not hold is left to its node. */
    @ParameterizedTest(name = "outbound session to d.test held here={0}: closed={0}")
    @CsvSource({"true", "false"})
    void outboundAndSweepClosures_actOnlyOnTheSessionsThisNodeHolds(boolean heldHere) {
        Recorded outbound = session(OutgoingServerSession.class, "out-1");
        Recorded inbound = session(IncomingServerSession.class, "in-1");
        Set<Session> held = heldHere ? Set.of(outbound.session(), inbound.session()) : Set.of();
        SessionChecks checks = checks(List.of(), held);

        ReasonCode reason = checks.enforceOnOutbound(outbound.session(), "d.test");
        checks.close(inbound.session(), Direction.INBOUND, ReasonCode.CONNECTION_LIMIT, "b.test");

        if (heldHere) {
            assertEquals(ReasonCode.NOT_A_PARTNER, reason);
            assertTrue(outbound.closed() && outbound.streamError().contains("policy-violation"), outbound.calls().toString());
            assertTrue(inbound.closed() && inbound.streamError().contains("resource-constraint"), inbound.calls().toString());
        } else {
            assertNull(reason, "no refusal for a stanza leaving over another node's session");
            assertEquals(List.of(), outbound.questions(), outbound.calls().toString());
            assertEquals(List.of(), inbound.questions(), inbound.calls().toString());
        }
    }
}
