package org.federationgateway.sip;

import javax.sip.message.Request;

/**
 * Whether a request from a trusted peer is queued for its handler or shed with {@code 503} and {@code Retry-After}
 * (RFC 3261 §21.5.4: the server is overloaded; the sender may retry after the given time). No I/O.
 * <ul>
 *   <li>ACK is never answered and never shed; OPTIONS is answered at once, outside the queue (the front end's
 *       heartbeat must see a live gateway, and answering costs less than refusing).</li>
 *   <li>Requests inside a dialog (a refresh or NOTIFY of a subscription that exists) may use a reserve of a quarter
 *       of the queue beyond its size: shedding them would end subscriptions that cost more to build again.</li>
 *   <li>Everything else (MESSAGE, a new SUBSCRIBE) is queued while fewer than {@code capacity} requests are.</li>
 * </ul>
 */
final class Admission {
    enum Verdict { QUEUE, ANSWER_NOW, SHED }

    private Admission() {
    }

    static Verdict decide(String method, boolean inDialog, int queued, int capacity) {
        if (Request.ACK.equals(method) || Request.OPTIONS.equals(method)) {
            return Verdict.ANSWER_NOW;
        }
        int limit = inDialog ? capacity + Math.max(1, capacity / 4) : capacity;
        return queued < limit ? Verdict.QUEUE : Verdict.SHED;
    }
}
