package org.federationgateway.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.federationgateway.testing.CapturedLog;
import org.junit.jupiter.api.Test;

class RegistrationsTest {

    @Test
    void undoesInReverseOrderOfRegistration() {
        List<String> undone = new ArrayList<>();
        Registrations registrations = new Registrations();
        registrations.add("interceptor", () -> undone.add("interceptor"));
        registrations.add("listener", () -> undone.add("listener"));
        registrations.add("sip-stack", () -> undone.add("sip-stack"));

        List<String> failed = registrations.closeAll();

        assertEquals(List.of("sip-stack", "listener", "interceptor"), undone);
        assertTrue(failed.isEmpty());
        assertTrue(registrations.isEmpty());
    }

    @Test
    void aFailingUndoIsReportedAndTheOthersStillRun() {
        List<String> undone = new ArrayList<>();
        Registrations registrations = new Registrations();
        registrations.add("first", () -> undone.add("first"));
        registrations.add("broken", () -> { throw new IllegalStateException("boom"); });
        registrations.add("last", () -> undone.add("last"));

        List<String> failed;
        try (CapturedLog log = CapturedLog.start()) {
            failed = registrations.closeAll();
            assertTrue(log.line("WARN", "could not undo 'broken' on unload").contains("IllegalStateException: boom"), log.text());
        }

        assertEquals(List.of("last", "first"), undone);
        assertEquals(List.of("broken"), failed);
    }

    @Test
    void closingTwiceUndoesNothingTwice() {
        List<String> undone = new ArrayList<>();
        Registrations registrations = new Registrations();
        registrations.add("only", () -> undone.add("only"));

        registrations.close();
        registrations.close();

        assertEquals(List.of("only"), undone);
    }
}
