package org.federationgateway.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** The answer window of SIP→XMPP messages: 202 once for each message no error answered first, and never instead of an error. */
class AnswerWindowTest {
    @Test
    void everyMessageIsAnswered202OnceWhenItsWindowCloses() throws Exception {
        AnswerWindow window = new AnswerWindow(Duration.ZERO, "test-answer-window");
        List<CompletableFuture<SipStatus>> responses = new ArrayList<>();
        AtomicInteger answers = new AtomicInteger();
        for (int i = 0; i < 5_000; i++) {
            CompletableFuture<SipStatus> r = new CompletableFuture<>();
            r.thenRun(answers::incrementAndGet);
            responses.add(r);
            window.open(r);
        }
        for (CompletableFuture<SipStatus> r : responses) {
            assertSame(SipStatus.ACCEPTED, r.get(30, TimeUnit.SECONDS));
        }
        assertEquals(5_000, answers.get());
        window.close();
    }

    @Test
    void aMessageAnsweredByAnErrorInsideItsWindowKeepsThatAnswer() throws Exception {
        AnswerWindow window = new AnswerWindow(Duration.ofMinutes(10), "test-answer-window");
        List<CompletableFuture<SipStatus>> responses = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            CompletableFuture<SipStatus> r = new CompletableFuture<>();
            responses.add(r);
            window.open(r);
        }
        SipStatus notFound = new SipStatus(404, "Not Found");
        for (int i = 0; i < 100; i += 10) {
            responses.get(i).complete(notFound); // the XMPP error came first
        }
        for (int i = 1; i < 100; i++) {
            if (i % 10 != 0) {
                assertFalse(responses.get(i).isDone(), "still in its window: " + i);
            }
        }
        window.close(); // answers what still waits
        for (int i = 0; i < 100; i++) {
            assertSame(i % 10 == 0 ? notFound : SipStatus.ACCEPTED, responses.get(i).getNow(null), "message " + i);
        }
        assertEquals(0, window.size());
    }

    @Test
    void aMessageOpenedAfterCloseIsAnsweredAtOnce() {
        AnswerWindow window = new AnswerWindow(Duration.ofMinutes(10), "test-answer-window");
        window.close();
        CompletableFuture<SipStatus> r = new CompletableFuture<>();
        window.open(r);
        assertSame(SipStatus.ACCEPTED, r.getNow(null));
    }
}
