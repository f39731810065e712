package org.federationgateway.audit;

import java.util.Objects;

/** A row of the status page's counters: one partner, one event (bridged-in, bridged-out, or a refusal reason). */
public record CounterKey(String partner, String event) {
    public CounterKey {
        Objects.requireNonNull(partner, "partner");
        Objects.requireNonNull(event, "event");
    }
}
