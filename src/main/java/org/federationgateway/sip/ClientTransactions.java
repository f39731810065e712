package org.federationgateway.sip;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import javax.sip.ClientTransaction;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * Requests the gateway sent, each waiting for its final response. Every one ends: with the response, or with
 * null on timeout, transaction end, a broken stream connection, or close.
 */
final class ClientTransactions {
    private final SipProvider provider;
    private final Map<ClientTransaction, CompletableFuture<Response>> pending = new ConcurrentHashMap<>();

    ClientTransactions(SipProvider provider) {
        this.provider = provider;
    }

    CompletableFuture<Response> send(Request request) throws SipException {
        ClientTransaction tx = provider.getNewClientTransaction(request);
        CompletableFuture<Response> f = new CompletableFuture<>();
        pending.put(tx, f);
        try {
            tx.sendRequest();
        } catch (SipException e) {
            pending.remove(tx);
            throw e;
        }
        return f;
    }

    /** Requests waiting for their final response. */

    /** A final response (provisional ones are not reported). */
    void answered(ClientTransaction tx, Response r) {
        CompletableFuture<Response> f = pending.remove(tx);
        if (f != null) {
            f.complete(r);
        }
    }

    /** Timed out or terminated without a final response. */
    void ended(ClientTransaction tx) {
        CompletableFuture<Response> f = pending.remove(tx);
        if (f != null) {
            f.complete(null);
        }
    }

    /**
     * A stream connection towards {@code host:port} failed: transactions waiting on it will see no response (a
     * stream transport is not retransmitted over), so they end now instead of after Timer F.
     */
    void connectionLost(String host, int port) {
        pending.keySet().removeIf(tx -> {
            if (!HeaderReader.goesTo(tx.getRequest(), host, port)) {
                return false;
            }
            CompletableFuture<Response> f = pending.get(tx);
            if (f != null) {
                f.complete(null);
            }
            return true;
        });
    }

    void endAll() {
        pending.values().forEach(f -> f.complete(null));
        pending.clear();
    }
}
