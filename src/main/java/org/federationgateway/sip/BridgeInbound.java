package org.federationgateway.sip;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.federationgateway.gateway.MessageBridge;
import org.federationgateway.gateway.PresenceBridge;
import org.federationgateway.gateway.SipDialog;
import org.federationgateway.gateway.SipResult;
import org.federationgateway.translate.SipMessage;
import org.federationgateway.translate.SipUri;

/**
 * The endpoint's view of the two bridges, which are built after it (they send through it). Until they are
 * set, requests are answered 480 so the sender retries.
 */
public final class BridgeInbound implements SipInbound {
    private volatile MessageBridge messages;
    private volatile PresenceBridge presence;

    public void bind(MessageBridge messageBridge, PresenceBridge presenceBridge) {
        this.messages = messageBridge;
        this.presence = presenceBridge;
    }

    @Override
    public CompletionStage<SipResult> message(SipMessage message) {
        MessageBridge m = messages;
        return m == null ? CompletableFuture.completedFuture(starting()) : m.fromSip(message);
    }

    @Override
    public PresenceBridge.SubscribeOutcome subscribe(SipUri presentity, SipUri watcher, SipDialog dialog, int expires) {
        PresenceBridge p = presence;
        return p == null ? new PresenceBridge.SubscribeOutcome(starting(), null, 0, () -> { }) : p.onSubscribe(presentity, watcher, dialog, expires);
    }

    @Override
    public SipResult notify(String callId, String state, String lang, byte[] body) {
        PresenceBridge p = presence;
        return p == null ? starting() : p.onNotify(callId, state, lang, body);
    }

    private static SipResult starting() {
        return new SipResult(480, "Gateway starting");
    }
}
