package org.federationgateway.sip;

import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import org.federationgateway.gateway.PresenceBridge;
import org.federationgateway.gateway.SipDialog;
import org.federationgateway.gateway.SipStatus;
import org.federationgateway.translate.SipMessage;
import org.federationgateway.translate.SipUri;

/** What the endpoint hands to the bridge: requests from trusted peers, already read into the bridge's terms. */
public interface SipInbound {
    CompletionStage<SipStatus> message(SipMessage message);

    /** A SUBSCRIBE (Event: presence) from a SIP watcher; {@code dialog} is as the watcher sees it (remote = watcher). */
    PresenceBridge.InboundSubscribeAnswer subscribe(SipUri presentity, SipUri watcher, SipDialog dialog, int expires);

    /** A NOTIFY in one of the gateway's own subscriptions. */
    SipStatus notify(String callId, String subscriptionState, String contentLanguage, byte[] body);

    /** IM only: presence requests are answered 489 Bad Event, stray NOTIFYs 481. */
    static SipInbound messagesOnly(Function<SipMessage, CompletionStage<SipStatus>> messages) {
        return new SipInbound() {
            @Override
            public CompletionStage<SipStatus> message(SipMessage message) {
                return messages.apply(message);
            }

            @Override
            public PresenceBridge.InboundSubscribeAnswer subscribe(SipUri presentity, SipUri watcher, SipDialog dialog, int expires) {
                return new PresenceBridge.InboundSubscribeAnswer(new SipStatus(489, "Bad Event"), null, 0, () -> { });
            }

            @Override
            public SipStatus notify(String callId, String subscriptionState, String contentLanguage, byte[] body) {
                return new SipStatus(481, "Subscription does not exist");
            }
        };
    }
}
