package org.federationgateway.gateway;

import java.util.List;
import java.util.Objects;

/**
 * The gateway's side of a SIP dialog (RFC 3261 §12), kept by the bridge rather than the stack so that it
 * can be stored and restored after a restart.
 *
 * @param callId       the Call-ID
 * @param localUri     the gateway's URI in it (From of its requests)
 * @param localTag     the gateway's tag
 * @param remoteUri    the other party's URI
 * @param remoteTag    the other party's tag, or null before it answered
 * @param remoteTarget where in-dialog requests go (the other party's Contact), or null
 * @param routeSet     Route headers for in-dialog requests, in order
 */
public record SipDialog(String callId, String localUri, String localTag, String remoteUri, String remoteTag, String remoteTarget,
                        List<String> routeSet) {
    public SipDialog {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(localUri, "localUri");
        Objects.requireNonNull(localTag, "localTag");
        Objects.requireNonNull(remoteUri, "remoteUri");
        routeSet = routeSet == null ? List.of() : List.copyOf(routeSet);
    }

    public SipDialog withRemote(String tag, String target) {
        return new SipDialog(callId, localUri, localTag, remoteUri, tag == null ? remoteTag : tag, target == null ? remoteTarget : target, routeSet);
    }
}
