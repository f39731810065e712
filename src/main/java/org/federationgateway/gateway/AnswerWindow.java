package org.federationgateway.gateway;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.federationgateway.lifecycle.NodeLog;
import org.slf4j.Logger;

/**
 * The SIP MESSAGEs handed to XMPP whose answer waits for a possible XMPP error: each one is answered {@code 202} when
 * its window closes, unless an error answered it before. Every message has the same window, so they close in the
 * order they opened: one queue and one thread serve them all, where a timer task per message would cost a scheduled
 * task, its place in a shared timer's heap and that timer's single thread. The thread starts with the first window
 * and ends after a minute without any; {@link #close} answers what still waits.
 */
final class AnswerWindow implements AutoCloseable {
    private static final Logger LOG = NodeLog.getLogger(AnswerWindow.class);
    private static final long IDLE_NANOS = TimeUnit.MINUTES.toNanos(1);

    private record Waiting(long closesAtNanos, CompletableFuture<SipStatus> response) {
    }

    private final long windowNanos;
    private final String threadName;
    private final ConcurrentLinkedQueue<Waiting> waiting = new ConcurrentLinkedQueue<>();
    /** Guarded by this: the thread that answers, null while none runs. */
    private Thread thread;
    private volatile boolean idle;
    private volatile boolean closed;

    AnswerWindow(Duration window, String threadName) {
        this.windowNanos = Math.max(0, window.toNanos());
        this.threadName = threadName;
    }

    /** Answers {@code response} with 202 Accepted when the window closes, unless it is completed before. */
    void open(CompletableFuture<SipStatus> response) {
        waiting.add(new Waiting(System.nanoTime() + windowNanos, response));
        Thread wake = null;
        synchronized (this) {
            if (!closed && thread == null) {
                thread = new Thread(this::run, threadName);
                thread.setDaemon(true);
                thread.start();
            } else if (!closed && idle) {
                wake = thread;
            }
        }
        if (wake != null) {
            LockSupport.unpark(wake);
        }
        if (closed) {
            answerAll(); // opened while closing: answered at once rather than left waiting
        }
    }

    /** Messages whose window is still open (or completed early and not yet passed by the queue). */
    int size() {
        return waiting.size();
    }

    private void run() {
        while (!closed) {
            Waiting head = waiting.peek();
            if (head == null) {
                idle = true;
                if (waiting.peek() == null) {
                    long start = System.nanoTime();
                    LockSupport.parkNanos(this, IDLE_NANOS);
                    if (waiting.peek() == null && System.nanoTime() - start >= IDLE_NANOS && stopIfStillIdle()) {
                        return;
                    }
                }
                idle = false;
                continue;
            }
            long wait = head.closesAtNanos() - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(this, wait);
                continue;
            }
            waiting.poll();
            accept(head);
        }
        answerAll();
    }

    /** @return whether the thread ends: nothing was opened meanwhile (checked under the lock {@link #open} takes) */
    private synchronized boolean stopIfStillIdle() {
        if (waiting.isEmpty()) {
            thread = null;
            idle = false;
            return true;
        }
        return false;
    }

    private static void accept(Waiting w) {
        try {
            w.response().complete(SipStatus.ACCEPTED); // the response's stages (the 202 itself) run here
        } catch (RuntimeException e) {
            LOG.warn("Federation Gateway: answering a SIP MESSAGE after its error window failed: {}", e.toString(), e);
        }
    }

    private void answerAll() {
        for (Waiting w = waiting.poll(); w != null; w = waiting.poll()) {
            accept(w);
        }
    }

    /** Answers every message still waiting (202: it was handed to XMPP, no error came) and ends the thread. */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            closed = true;
            t = thread;
        }
        if (t != null) {
            LockSupport.unpark(t);
            try {
                t.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        answerAll();
    }
}
