package org.federationgateway.sip;

import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;

import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.EventHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.Header;
import javax.sip.header.RecordRouteHeader;
import javax.sip.header.RouteHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.federationgateway.gateway.SipDialog;
import org.federationgateway.translate.SipUri;

/** Reads what the gateway needs from received requests and responses. Pure functions over JAIN-SIP messages. */
final class HeaderReader {
    private HeaderReader() {
    }

    /** The dialog as the 2xx completed it: the notifier's tag and Contact (RFC 6665 §4.1.2.1). */
    static SipDialog completeDialog(SipDialog d, Response r) {
        if (r.getStatusCode() >= 300) {
            return d;
        }
        ToHeader to = (ToHeader) r.getHeader(ToHeader.NAME);
        ContactHeader contact = (ContactHeader) r.getHeader(ContactHeader.NAME);
        return d.withRemote(to == null ? null : to.getTag(), contact == null ? null : contact.getAddress().getURI().toString());
    }

    static int expires(Message m, int fallback) {
        ExpiresHeader e = (ExpiresHeader) m.getHeader(ExpiresHeader.NAME);
        return e == null ? fallback : e.getExpires();
    }

    static boolean isPresenceEvent(Request r) {
        EventHeader e = (EventHeader) r.getHeader(EventHeader.NAME);
        return e != null && "presence".equalsIgnoreCase(e.getEventType());
    }

    /**
     * The To URI: the presentity of a SUBSCRIBE. In a dialog the Request-URI is the gateway's own Contact (RFC 3261
     * §12.2.1.1), while To keeps the URI the dialog was created for.
     */
    static SipUri toUri(Request r) {
        return SipUri.parse(((ToHeader) r.getHeader(ToHeader.NAME)).getAddress().getURI().toString());
    }

    /** The To tag: set on requests inside a dialog. */
    static String toTag(Request r) {
        ToHeader to = (ToHeader) r.getHeader(ToHeader.NAME);
        return to == null ? null : to.getTag();
    }

    static SipUri fromUri(Request r) {
        return SipUri.parse(((FromHeader) r.getHeader(FromHeader.NAME)).getAddress().getURI().toString());
    }

    /** A SUBSCRIBE's dialog from the notifier's side: remote = the watcher, target = its Contact, routes = Record-Route. */
    static SipDialog watcherDialog(Request r) {
        FromHeader from = (FromHeader) r.getHeader(FromHeader.NAME);
        ToHeader to = (ToHeader) r.getHeader(ToHeader.NAME);
        ContactHeader contact = (ContactHeader) r.getHeader(ContactHeader.NAME);
        List<String> routes = new ArrayList<>();
        ListIterator<?> rr = r.getHeaders(RecordRouteHeader.NAME);
        while (rr.hasNext()) {
            routes.add(((RecordRouteHeader) rr.next()).getAddress().toString());
        }
        return new SipDialog(callId(r), to.getAddress().getURI().toString(), to.getTag() == null ? "pending" : to.getTag(),
                from.getAddress().getURI().toString(), from.getTag(), contact == null ? null : contact.getAddress().getURI().toString(), routes);
    }

    static String callId(Request r) {
        return ((CallIdHeader) r.getHeader(CallIdHeader.NAME)).getCallId();
    }

    /** A header's value as text after the colon, or null when absent. */
    static String header(Request r, String name) {
        Header h = r.getHeader(name);
        if (h == null) {
            return null;
        }
        String text = h.toString().strip();
        int colon = text.indexOf(':');
        return colon < 0 ? text : text.substring(colon + 1).strip();
    }

    /** Whether the request's next hop (first Route, else the Request-URI) is {@code host:port}. */
    static boolean goesTo(Request r, String host, int port) {
        RouteHeader route = (RouteHeader) r.getHeader(RouteHeader.NAME);
        URI hop = route != null ? route.getAddress().getURI() : r.getRequestURI();
        if (!(hop instanceof SipURI sip)) {
            return false;
        }
        int hopPort = sip.getPort() > 0 ? sip.getPort() : 5060;
        return sip.getHost().equals(host) && hopPort == port;
    }
}
