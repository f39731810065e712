package org.federationgateway.sip;

import java.text.ParseException;
import java.util.Locale;

import javax.sip.InvalidArgumentException;
import javax.sip.address.URI;
import javax.sip.header.SubscriptionStateHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.federationgateway.gateway.SipDialog;
import org.federationgateway.gateway.SipStatus;

/** Presence (RFC 6665 / RFC 3856): the SUBSCRIBE and NOTIFY the gateway sends, and its answer to a SUBSCRIBE. No I/O. */
final class PresenceRequests {
    private final HeaderBuilder b;

    PresenceRequests(HeaderBuilder builder) {
        this.b = builder;
    }

    /** SUBSCRIBE: a new subscription through the front end, or a refresh in the dialog. */
    Request subscribe(SipDialog d, long cseq, int expires, String transport) throws ParseException, InvalidArgumentException {
        boolean inDialog = d.remoteTag() != null;
        URI requestUri = b.addresses.createURI(inDialog && d.remoteTarget() != null ? d.remoteTarget() : d.remoteUri());
        Request r = b.messages.createRequest(requestUri, Request.SUBSCRIBE, b.headers.createCallIdHeader(d.callId()),
                b.headers.createCSeqHeader(cseq, Request.SUBSCRIBE), b.headers.createFromHeader(b.addresses.createAddress(d.localUri()), d.localTag()),
                b.headers.createToHeader(b.addresses.createAddress(d.remoteUri()), d.remoteTag()), b.via(transport),
                b.headers.createMaxForwardsHeader(70));
        if (inDialog) {
            b.addRoutes(r, d.routeSet());
        } else {
            r.addHeader(b.frontEndRoute(transport));
        }
        r.addHeader(b.headers.createEventHeader("presence"));
        r.addHeader(b.headers.createAcceptHeader("application", "pidf+xml"));
        r.addHeader(b.headers.createExpiresHeader(expires));
        r.addHeader(b.contact(transport));
        return r;
    }

    /** NOTIFY in a dialog where the gateway is the notifier. */
    Request notify(SipDialog d, long cseq, String subscriptionState, byte[] pidf, String transport) throws ParseException, InvalidArgumentException {
        URI requestUri = b.addresses.createURI(d.remoteTarget() != null ? d.remoteTarget() : d.remoteUri());
        Request r = b.messages.createRequest(requestUri, Request.NOTIFY, b.headers.createCallIdHeader(d.callId()),
                b.headers.createCSeqHeader(cseq, Request.NOTIFY), b.headers.createFromHeader(b.addresses.createAddress(d.localUri()), d.localTag()),
                b.headers.createToHeader(b.addresses.createAddress(d.remoteUri()), d.remoteTag()), b.via(transport),
                b.headers.createMaxForwardsHeader(70));
        b.addRoutes(r, d.routeSet());
        r.addHeader(b.headers.createEventHeader("presence"));
        r.addHeader(b.headers.createSubscriptionStateHeader(subscriptionState.split(";")[0]));
        // the parameters (expires, reason) go in as text: JAIN-SIP's header takes them one by one
        SubscriptionStateHeader ss = (SubscriptionStateHeader) r.getHeader(SubscriptionStateHeader.NAME);
        for (String param : subscriptionState.split(";")) {
            String[] kv = param.split("=", 2);
            if (kv.length == 2) {
                switch (kv[0].strip()) {
                    case "expires" -> ss.setExpires(Integer.parseInt(kv[1].strip()));
                    case "reason" -> ss.setReasonCode(kv[1].strip());
                    case "retry-after" -> ss.setRetryAfter(Integer.parseInt(kv[1].strip()));
                    default -> { }
                }
            }
        }
        r.addHeader(b.contact(transport));
        if (pidf != null) {
            r.setContent(pidf, b.headers.createContentTypeHeader("application", "pidf+xml"));
        }
        return r;
    }

    /** The answer to a SUBSCRIBE: the dialog's local tag, and on success the granted Expires and a Contact. */
    Response subscribeResponse(Request request, SipStatus result, String localTag, int expires) throws ParseException, InvalidArgumentException {
        Response r = b.response(request, result, localTag);
        if (result.status() < 300) {
            r.addHeader(b.headers.createExpiresHeader(expires));
            r.addHeader(b.contact(((ViaHeader) request.getHeader(ViaHeader.NAME)).getTransport().toLowerCase(Locale.ROOT)));
        }
        return r;
    }
}
