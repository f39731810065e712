package org.federationgateway.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.federationgateway.gateway.SipStatus;
import org.junit.jupiter.api.Test;

/** The heartbeat tells its listeners when the front end answers again after it was seen down, and only then. */
class FrontEndHeartbeatBackUpTest {
    private final AtomicInteger backUp = new AtomicInteger();

    private FrontEndHeartbeat heartbeat() {
        SipEndpointSettings settings = new SipEndpointSettings("127.0.0.1", 5060, List.of("udp"), "127.0.0.2", 5060, "udp", Set.of("127.0.0.2"),
                Duration.ofSeconds(5), "heartbeat-test");
        FrontEndHeartbeat h = new FrontEndHeartbeat(settings, null, Clock.systemUTC());
        h.onBackUp(backUp::incrementAndGet);
        return h;
    }

    @Test
    void theFirstAnswerIsNoComingBack() {
        FrontEndHeartbeat h = heartbeat();
        h.answered(new SipStatus(200, "OK"));
        h.answered(new SipStatus(200, "OK"));
        assertEquals(0, backUp.get());
        assertEquals(SipEndpoint.FrontEndState.UP, h.status().state());
    }

    @Test
    void anAnswerAfterTimeoutsOrOverloadIsOneComingBack() {
        FrontEndHeartbeat h = heartbeat();
        h.answered(new SipStatus(200, "OK"));
        h.answered(new SipStatus(408, "Request Timeout"));
        h.answered(new SipStatus(503, "Service Unavailable"));
        assertEquals(0, backUp.get(), "not while it is down");
        h.answered(new SipStatus(404, "Not Found")); // any answer but 408/503 proves it is there
        h.answered(new SipStatus(200, "OK"));
        assertEquals(1, backUp.get(), "once per outage");
        h.answered(null); // the OPTIONS could not be sent at all
        h.answered(new SipStatus(200, "OK"));
        assertEquals(2, backUp.get());
    }

    @Test
    void aFailingListenerDoesNotStopTheOthersOrTheHeartbeat() {
        FrontEndHeartbeat h = heartbeat();
        h.onBackUp(() -> {
            throw new IllegalStateException("listener failed");
        });
        AtomicInteger after = new AtomicInteger();
        h.onBackUp(after::incrementAndGet);
        h.answered(new SipStatus(408, "Request Timeout"));
        h.answered(new SipStatus(200, "OK"));
        assertEquals(1, backUp.get());
        assertEquals(1, after.get());
        assertEquals(SipEndpoint.FrontEndState.UP, h.status().state());
    }
}
