package org.federationgateway.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * RFC 3261 §21.5.4 (503 Service Unavailable, with Retry-After): which request is queued, answered at once, or shed
 * when the gateway's request queue is full ({@link Admission}); the socket buffer warning; the capacity's bounds.
 */
class Rfc3261Section21_5_4OverloadTest {
    @ParameterizedTest(name = "{0} in dialog={1}, {2} queued of {3}: {4}")
    @CsvSource({
            // method,  in dialog, queued, capacity, verdict
            "MESSAGE,   false,     0,      10,       QUEUE",
            "MESSAGE,   false,     9,      10,       QUEUE",
            "MESSAGE,   false,     10,     10,       SHED",
            "MESSAGE,   false,     500,    10,       SHED",
            "MESSAGE,   true,      10,     10,       QUEUE",   // a MESSAGE inside a dialog uses the reserve like any in-dialog request
            "SUBSCRIBE, false,     9,      10,       QUEUE",
            "SUBSCRIBE, false,     10,     10,       SHED",    // a new subscription waits
            "SUBSCRIBE, true,      10,     10,       QUEUE",   // a refresh keeps what exists: a quarter of the queue in reserve
            "SUBSCRIBE, true,      11,     10,       QUEUE",
            "SUBSCRIBE, true,      12,     10,       SHED",
            "NOTIFY,    true,      12,     10,       SHED",
            "NOTIFY,    true,      11,     10,       QUEUE",
            "NOTIFY,    true,      1,      1,        QUEUE",   // the reserve is at least one request
            "NOTIFY,    true,      2,      1,        SHED",
            "MESSAGE,   false,     1,      1,        SHED",
            "MESSAGE,   false,     0,      1,        QUEUE",
            "OPTIONS,   false,     500,    10,       ANSWER_NOW", // the front end's heartbeat is answered outside the queue
            "ACK,       true,      500,    10,       ANSWER_NOW",
            "INFO,      false,     10,     10,       SHED",    // a method without a handler never gets here; if one did, it waits like MESSAGE
    })
    void admission(String method, boolean inDialog, int queued, int capacity, Admission.Verdict expected) {
        assertEquals(expected, Admission.decide(method, inDialog, queued, capacity));
    }

    @Test
    void aKernelLimitBelowTheConfiguredBufferIsNamedWithTheSettingAndTheSysctl() {
        String warning = SipStackLifecycle.receiveBufferWarning(4_194_304, OptionalLong.of(212_992)).orElseThrow();
        assertTrue(warning.contains("sip.receiveBufferBytes") && warning.contains("net.core.rmem_max=4194304") && warning.contains("212992"), warning);
        assertTrue(SipStackLifecycle.receiveBufferWarning(4_194_304, OptionalLong.of(4_194_304)).isEmpty());
        assertTrue(SipStackLifecycle.receiveBufferWarning(4_194_304, OptionalLong.empty()).isEmpty());
    }

    @Test
    void capacityBoundsNameTheSetting() {
        assertThrows(IllegalArgumentException.class, () -> new SipCapacity(4096, 10, 1, 1, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SipCapacity(8192, 0, 1, 1, 1));
        assertTrue(e.getMessage().startsWith("requestQueue"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SipCapacity(8192, 1, 0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new SipCapacity(8192, 1, 1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new SipCapacity(8192, 1, 1, 1, -1));
    }
}
