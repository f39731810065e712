package org.federationgateway.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.federationgateway.testing.Ports;
import org.federationgateway.testing.lab.Lab;
import org.federationgateway.testing.openfire.OpenfireServer;
import org.federationgateway.testing.peers.SipUserAgent;
import org.federationgateway.testing.peers.XmppClient;
import org.jivesoftware.smack.packet.Message;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Faults under load with every peer real, and an account of every message: a steady stream of messages (one every
 * {@link #EVERY_MILLIS} ms, {@link #LOAD} in all) while a peer is stopped and started again. Each message sent is
 * delivered (its recipient received it) or answered with an error to its sender (a SIP error response, a late error
 * MESSAGE, or an XMPP error stanza); sent = delivered + errored, and none is both. The figures are printed
 * ("faults under load: ...") and recorded in docs/faults.md.
 */
class FaultsUnderLoadE2EIT {
    static final int LOAD = 240;
    static final int EVERY_MILLIS = 25;
    /** The fault comes after this many messages, the recovery after {@link #RECOVER_AT}. */
    static final int FAULT_AT = 60;
    static final int RECOVER_AT = 120;
    private static final Duration ACCOUNTED_WITHIN = Duration.ofSeconds(90);
    private static final String LATE_ERROR = "Your message was not delivered";
    private static Lab lab;

    @BeforeAll
    static void start() throws Exception {
        lab = Lab.start("127.0.83", "faults-load", false);
    }

    @AfterAll
    static void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    /** Waits until every message is accounted for or the deadline passes; the assertions that follow say which. */
    private static void awaitAccounted(java.util.function.BooleanSupplier accounted) {
        java.time.Instant deadline = java.time.Instant.now().plus(ACCOUNTED_WITHIN);
        while (!accounted.getAsBoolean() && java.time.Instant.now().isBefore(deadline)) {
            Ports.sleep(250);
        }
    }

    private static String body(String run, int i) {
        return run + "-" + i;
    }

    /**
     * SIP → XMPP while the partner's server restarts: romeo's phone sends to juliet@b.test; b.test's Prosody is stopped
     * after {@link #FAULT_AT} messages and started again (juliet signs in again) after {@link #RECOVER_AT}.
     */
    @Test
    void partnerServerRestartedMidLoadEveryMessageIsDeliveredOrAnsweredWithAnError() throws Exception {
        String run = "partner-restart";
        List<XmppClient> juliets = new ArrayList<>();
        juliets.add(lab.juliet());
        try (SipUserAgent romeo = lab.phone("romeo", 0)) {
            Map<Integer, CompletableFuture<Integer>> finals = new ConcurrentHashMap<>();
            for (int i = 0; i < LOAD; i++) {
                if (i == FAULT_AT) {
                    lab.stopPartner();
                }
                if (i == RECOVER_AT) {
                    lab.startPartner();
                    juliets.add(lab.juliet());
                }
                finals.put(i, romeo.sendMessageAsync("sip:juliet@b.test", body(run, i)));
                Ports.sleep(EVERY_MILLIS);
            }
            OpenfireServer.await("a final response to every MESSAGE", ACCOUNTED_WITHIN, () -> finals.values().stream().allMatch(CompletableFuture::isDone));
            Set<Integer> delivered = new HashSet<>();
            Set<Integer> refused = new HashSet<>();
            Set<Integer> accepted = new HashSet<>();
            for (int i = 0; i < LOAD; i++) {
                int status = finals.get(i).join();
                (status >= 200 && status < 300 ? accepted : refused).add(i);
            }
            java.util.function.LongSupplier lateErrors = () -> romeo.count(r -> r.method().equals("MESSAGE") && r.body().startsWith(LATE_ERROR));
            java.util.function.Supplier<Set<Integer>> received = () -> {
                Set<Integer> got = new HashSet<>();
                for (XmppClient j : juliets) {
                    for (int i = 0; i < LOAD; i++) {
                        String b = body(run, i);
                        if (j.count(m -> b.equals(m.getBody())) > 0) {
                            got.add(i);
                        }
                    }
                }
                return got;
            };
            awaitAccounted(() -> received.get().size() + lateErrors.getAsLong() >= accepted.size());
            delivered.addAll(received.get());
            long late = lateErrors.getAsLong();
            Set<Integer> both = new HashSet<>(delivered);
            both.retainAll(refused);
            System.out.println("faults under load: partner server restarted, SIP->XMPP: sent=" + LOAD + " delivered=" + delivered.size()
                    + " errored=" + (refused.size() + late) + " (error responses " + refused.size() + ", late error messages " + late + ")");
            assertEquals(Set.of(), both, "no message refused to its sender and delivered too");
            assertEquals(LOAD, delivered.size() + refused.size() + late, "sent = delivered + errored: nothing lost");
            assertTrue(delivered.containsAll(List.of(LOAD - 3, LOAD - 2, LOAD - 1)), "delivery recovered without a restart of the gateway");
            assertTrue(refused.size() + late > 0, "the fault was felt (else it proves nothing)");
        } finally {
            juliets.forEach(XmppClient::close);
        }
    }

    /**
     * XMPP → SIP while Kamailio restarts: juliet sends to romeo@sip.a.test; Kamailio is stopped after {@link #FAULT_AT}
     * messages and started again (romeo registers again) after {@link #RECOVER_AT}.
     */
    @Test
    void kamailioRestartedMidLoadEveryMessageIsDeliveredOrAnsweredWithAnError() {
        String run = "kamailio-restart";
        try (XmppClient juliet = lab.juliet(); SipUserAgent romeo = lab.phone("romeo2", 1)) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < LOAD; i++) {
                if (i == FAULT_AT) {
                    lab.stopKamailio();
                }
                if (i == RECOVER_AT) {
                    lab.startKamailio();
                    assertEquals(200, romeo.register(300), "the phone registers at the new Kamailio");
                }
                ids.add(juliet.sendTracked("romeo2@sip.a.test", body(run, i)));
                Ports.sleep(EVERY_MILLIS);
            }
            java.util.function.Supplier<Set<Integer>> delivered = () -> {
                Set<Integer> got = new HashSet<>();
                for (int i = 0; i < LOAD; i++) {
                    String b = body(run, i);
                    if (romeo.count(r -> r.method().equals("MESSAGE") && b.equals(r.body())) > 0) {
                        got.add(i);
                    }
                }
                return got;
            };
            java.util.function.Supplier<Set<Integer>> errored = () -> {
                Set<Integer> got = new HashSet<>();
                for (int i = 0; i < LOAD; i++) {
                    String id = ids.get(i);
                    if (juliet.count(m -> m.getType() == Message.Type.error && id.equals(m.getStanzaId())) > 0) {
                        got.add(i);
                    }
                }
                return got;
            };
            awaitAccounted(() -> delivered.get().size() + errored.get().size() >= LOAD);
            Set<Integer> d = delivered.get();
            Set<Integer> e = errored.get();
            Set<Integer> both = new HashSet<>(d);
            both.retainAll(e);
            System.out.println("faults under load: Kamailio restarted, XMPP->SIP: sent=" + LOAD + " delivered=" + d.size() + " errored=" + e.size());
            assertEquals(Set.of(), both, "no message both delivered and answered with an error");
            assertEquals(LOAD, d.size() + e.size(), "sent = delivered + errored: nothing lost");
            assertTrue(d.containsAll(List.of(LOAD - 3, LOAD - 2, LOAD - 1)), "delivery recovered without a restart of the gateway");
            assertTrue(!e.isEmpty(), "the fault was felt (else it proves nothing)");
        }
    }
}
