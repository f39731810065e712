package org.federationgateway.component;

import java.time.Instant;

/** What the status page shows of the component link: up or not, since when, and the last failure. */
public record ComponentStatus(boolean connected, Instant since, String lastFailure, long connects) {
}
