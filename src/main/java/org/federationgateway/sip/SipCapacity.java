package org.federationgateway.sip;

/**
 * How much the SIP endpoint takes in before it sheds load visibly, instead of leaving the kernel to drop datagrams
 * at a full socket buffer or letting a queue grow without bound.
 *
 * @param receiveBufferBytes UDP socket receive buffer asked of the kernel (Linux caps it at {@code net.core.rmem_max});
 *                           it absorbs bursts while the stack's reader thread is not scheduled
 * @param requestQueue       requests accepted but not yet handled (waiting or being handled); a request beyond it
 *                           is answered {@code 503 Service Unavailable} with {@code Retry-After}
 * @param workerThreads      threads that handle the accepted requests
 * @param pendingRequests    MESSAGEs the gateway sent and still waits an answer for; a message from XMPP beyond it
 *                           is refused with the XMPP error {@code resource-constraint} (type wait)
 * @param retryAfterSeconds  the {@code Retry-After} of a shed request
 */
public record SipCapacity(int receiveBufferBytes, int requestQueue, int workerThreads, int pendingRequests, int retryAfterSeconds) {
    /**
     * 4 MiB of socket buffer (about 1,800 small datagrams on Linux, whose accounting counts about 2 KiB per datagram);
     * 1,000 queued requests, about 50 ms of work at the bridge's cost per message, well below the 500 ms after which a
     * UDP sender retransmits (RFC 3261 T1) and adds to the load; 4 workers; 10,000 requests awaiting an answer (a
     * front end that stops answering at 300 messages/s reaches it within the 32 s of Timer F).
     */
    public static final SipCapacity DEFAULT = new SipCapacity(4 * 1024 * 1024, 1000, 4, 10_000, 2);

    public SipCapacity {
        if (receiveBufferBytes < 8192) {
            throw new IllegalArgumentException("receiveBufferBytes is at least 8192: " + receiveBufferBytes);
        }
        if (requestQueue < 1) {
            throw new IllegalArgumentException("requestQueue is at least 1: " + requestQueue);
        }
        if (workerThreads < 1 || workerThreads > 256) {
            throw new IllegalArgumentException("workerThreads is 1-256: " + workerThreads);
        }
        if (pendingRequests < 1) {
            throw new IllegalArgumentException("pendingRequests is at least 1: " + pendingRequests);
        }
        if (retryAfterSeconds < 0 || retryAfterSeconds > 3600) {
            throw new IllegalArgumentException("retryAfterSeconds is 0-3600: " + retryAfterSeconds);
        }
    }
}
