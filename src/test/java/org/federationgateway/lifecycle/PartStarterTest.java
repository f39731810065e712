package org.federationgateway.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.BindException;
import java.util.ArrayList;
import java.util.List;

import org.federationgateway.testing.CapturedLog;
import org.junit.jupiter.api.Test;

class PartStarterTest {

    private static Part part(String name, boolean enabled, Part.Starter starter) {
        return Part.of(name, enabled, starter);
    }

    @Test
    void aPartThatFailsIsIsolatedAndTheNextOnesStart() {
        List<String> stopped = new ArrayList<>();
        Registrations registrations = new Registrations();
        PartStarter starter = new PartStarter(registrations);

        List<PartStatus> statuses;
        try (CapturedLog log = CapturedLog.start()) {
            statuses = starter.startAll(List.of(
                part("policy", true, () -> () -> stopped.add("policy")),
                part("sip", true, () -> {
                    throw new IllegalStateException("cannot listen on udp 127.0.0.1:5060",
                            new BindException("Address already in use"));
                }),
                part("component", false, () -> () -> stopped.add("component")),
                part("status", true, () -> () -> stopped.add("status"))));
            String line = log.line("ERROR", "part 'sip' failed to start and stays off");
            assertTrue(line.contains("cannot listen on udp 127.0.0.1:5060 (BindException: Address already in use)"), line);
            assertTrue(log.text().contains("Caused by: java.net.BindException: Address already in use"), "the administrator's log has the cause");
        }

        assertEquals(PartState.RUNNING, statuses.get(0).state());
        assertEquals(PartState.FAILED, statuses.get(1).state());
        assertTrue(statuses.get(1).cause().contains("udp 127.0.0.1:5060"), statuses.get(1).cause());
        assertTrue(statuses.get(1).cause().contains("Address already in use"), statuses.get(1).cause());
        assertEquals(PartState.DISABLED, statuses.get(2).state());
        assertEquals(PartState.RUNNING, statuses.get(3).state());

        registrations.closeAll();
        assertEquals(List.of("status", "policy"), stopped, "only started parts are stopped, newest first");
    }

    @Test
    void aLinkageErrorIsAlsoContained() {
        PartStarter starter = new PartStarter(new Registrations());
        PartStatus status;
        try (CapturedLog log = CapturedLog.start()) {
            status = starter.start(part("dns", true, () -> { throw new NoClassDefFoundError("org/xbill/DNS/Lookup"); }));
            assertTrue(log.line("ERROR", "part 'dns' failed to start and stays off").contains("NoClassDefFoundError: org/xbill/DNS/Lookup"), log.text());
        }
        assertEquals(PartState.FAILED, status.state());
        assertTrue(status.cause().contains("org/xbill/DNS/Lookup"), status.cause());
    }

    @Test
    void aFailedStatusWithoutCauseIsRefused() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new PartStatus("sip", PartState.FAILED, " "));
    }
}
