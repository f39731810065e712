package org.federationgateway.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.federationgateway.testing.CapturedLog;
import org.junit.jupiter.api.Test;

class RestartablePartTest {

    @Test
    void aRestartStopsTheRunningInstanceBeforeStartingTheNextAndUnloadStopsTheLatest() throws Exception {
        List<String> events = new ArrayList<>();
        AtomicInteger generation = new AtomicInteger();
        RestartablePart part = new RestartablePart(Part.of("sip", true, () -> {
            int n = generation.incrementAndGet();
            events.add("start " + n);
            return () -> events.add("stop " + n);
        }));
        Registrations registrations = new Registrations();
        registrations.add("sip (restartable)", part);
        new PartStarter(registrations).start(part);
        assertEquals(PartState.RUNNING, part.restart().state());
        registrations.closeAll();
        assertEquals(List.of("start 1", "stop 1", "start 2", "stop 2"), events, "each instance stopped exactly once");
    }

    @Test
    void aPartThatFailedAtLoadAndWasFixedByARestartIsStillStoppedAtUnload() throws Exception {
        AtomicBoolean portFree = new AtomicBoolean(false);
        AtomicBoolean stopped = new AtomicBoolean(false);
        RestartablePart part = new RestartablePart(Part.of("sip", true, () -> {
            if (!portFree.get()) {
                throw new IllegalStateException("cannot listen on udp 127.0.0.1:5060", new java.net.BindException("Address already in use"));
            }
            return () -> stopped.set(true);
        }));
        Registrations registrations = new Registrations();
        registrations.add("sip (restartable)", part);
        PartStatus atLoad;
        PartStatus stillTaken;
        try (CapturedLog log = CapturedLog.start()) {
            atLoad = new PartStarter(registrations).start(part);
            assertTrue(log.line("ERROR", "part 'sip' failed to start and stays off").contains("BindException: Address already in use"), log.text());
            stillTaken = part.restart();
        }
        assertEquals(PartState.FAILED, atLoad.state());
        assertEquals(PartState.FAILED, stillTaken.state());
        assertTrue(stillTaken.cause().contains("Address already in use"), stillTaken.cause());

        portFree.set(true);
        assertEquals(PartState.RUNNING, part.restart().state());
        registrations.closeAll();
        assertTrue(stopped.get(), "the instance started by the restart is stopped at unload");
    }

    @Test
    void turnedOffItIsReportedDisabledAfterARestart() {
        AtomicBoolean enabled = new AtomicBoolean(true);
        RestartablePart part = new RestartablePart(new Part() {
            @Override
            public String name() {
                return "sip";
            }

            @Override
            public boolean enabled() {
                return enabled.get();
            }

            @Override
            public AutoCloseable start() {
                return () -> { };
            }
        });
        enabled.set(false);
        assertEquals(PartState.DISABLED, part.restart().state());
    }
}
