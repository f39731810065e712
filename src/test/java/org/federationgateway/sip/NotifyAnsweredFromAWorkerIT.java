package org.federationgateway.sip;

import static org.federationgateway.testing.peers.RawSip.header;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TooManyListenersException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.sip.ClientTransaction;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.junit.jupiter.api.Test;

/**
 * The gateway answers requests from its worker threads, so an answer may leave before the stack's own thread has
 * returned from the listener. For a NOTIFY that JAIN-SIP matches to the gateway's SUBSCRIBE transaction (the NOTIFYs
 * that arrive while that transaction is still kept, Timer K), the stack by default locks the SUBSCRIBE transaction until
 * the NOTIFY is done, and an answer sent early made it forget the lock when completed transactions released their
 * references at once (RELEASE_REFERENCES_STRATEGY=Normal): every later NOTIFY of the subscription then
 * waited for it for ever, one stack thread each, until the endpoint stopped reading UDP at all. Here a plain JAIN-SIP
 * stack with the endpoint's own properties subscribes at a raw UDP peer, answers each NOTIFY from another thread while
 * the listener waits for that answer, and must answer the second and third NOTIFYs too.
 */
class NotifyAnsweredFromAWorkerIT {
    private static final String GATEWAY = "127.0.79.21";
    private static final String PEER = "127.0.79.22";
    private static final int GATEWAY_PORT = 5070;
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(3);

    /** Answers each NOTIFY 200 from its own thread, and returns from processRequest only once that answer is sent. */
    private static final class AnsweringFromAnotherThread implements SipListener {
        private final SipProvider provider;
        private final MessageFactory messages;

        AnsweringFromAnotherThread(SipProvider provider, MessageFactory messages) {
            this.provider = provider;
            this.messages = messages;
        }

        @Override
        public void processRequest(RequestEvent event) {
            try {
                ServerTransaction st = event.getServerTransaction() != null ? event.getServerTransaction()
                        : provider.getNewServerTransaction(event.getRequest());
                CountDownLatch sent = new CountDownLatch(1);
                Thread worker = new Thread(() -> {
                    try {
                        st.sendResponse(messages.createResponse(Response.OK, event.getRequest()));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    } finally {
                        sent.countDown();
                    }
                }, "notify-answerer");
                worker.start();
                sent.await(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void processResponse(ResponseEvent event) {
        }

        @Override
        public void processTimeout(TimeoutEvent event) {
        }

        @Override
        public void processIOException(IOExceptionEvent event) {
        }

        @Override
        public void processTransactionTerminated(TransactionTerminatedEvent event) {
        }

        @Override
        public void processDialogTerminated(DialogTerminatedEvent event) {
        }
    }


    private static String receive(DatagramSocket socket, String what) throws Exception {
        byte[] buffer = new byte[65_535];
        DatagramPacket p = new DatagramPacket(buffer, buffer.length);
        try {
            socket.receive(p);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("nothing within " + socket.getSoTimeout() + " ms: expected " + what, e);
        }
        return new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
    }

    private static void send(DatagramSocket socket, String message) throws Exception {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getByName(GATEWAY), GATEWAY_PORT));
    }

    @Test
    void everyNotifyOfTheSubscriptionIsAnsweredWhileItsSubscribeTransactionIsKept() throws Exception {
        SipEndpointSettings settings = new SipEndpointSettings(GATEWAY, GATEWAY_PORT, List.of("udp"), PEER, 5060, "udp", Set.of(PEER),
                Duration.ofHours(1), "notify-worker");
        Properties properties = SipStackLifecycle.stackProperties(settings);
        SipFactory factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        SipStack stack = factory.createSipStack(properties);
        try (DatagramSocket peer = new DatagramSocket(new InetSocketAddress(PEER, 5060))) {
            peer.setSoTimeout((int) ANSWER_WITHIN.toMillis());
            ListeningPoint lp = stack.createListeningPoint(GATEWAY, GATEWAY_PORT, "udp");
            SipProvider provider = stack.createSipProvider(lp);
            MessageFactory messages = factory.createMessageFactory();
            HeaderFactory headers = factory.createHeaderFactory();
            AddressFactory addresses = factory.createAddressFactory();
            addListener(provider, new AnsweringFromAnotherThread(provider, messages));

            SipURI presentity = addresses.createSipURI("romeo", "a.test");
            Address watcher = addresses.createAddress(addresses.createSipURI("juliet", "b.test"));
            SipURI contact = addresses.createSipURI("federationgateway", GATEWAY);
            contact.setPort(GATEWAY_PORT);
            Request subscribe = messages.createRequest(presentity, Request.SUBSCRIBE,
                    provider.getNewCallId(), headers.createCSeqHeader(1L, Request.SUBSCRIBE),
                    headers.createFromHeader(watcher, "watcher-tag"), headers.createToHeader(addresses.createAddress(presentity), null),
                    List.of(headers.createViaHeader(GATEWAY, GATEWAY_PORT, "udp", null)), headers.createMaxForwardsHeader(70));
            subscribe.addHeader(headers.createContactHeader(addresses.createAddress(contact)));
            subscribe.addHeader(headers.createEventHeader("presence"));
            subscribe.addHeader(headers.createExpiresHeader(300));
            SipURI route = addresses.createSipURI(null, PEER);
            route.setPort(5060);
            route.setLrParam();
            subscribe.addHeader(headers.createRouteHeader(addresses.createAddress(route)));
            ClientTransaction ct = provider.getNewClientTransaction(subscribe);
            ct.sendRequest();

            String received = receive(peer, "the SUBSCRIBE");
            String callId = header(received, "Call-ID");
            send(peer, "SIP/2.0 200 OK\r\nVia: " + header(received, "Via") + "\r\nFrom: " + header(received, "From") + "\r\nTo: "
                    + header(received, "To") + ";tag=presence-tag\r\nCall-ID: " + callId + "\r\nCSeq: 1 SUBSCRIBE\r\nExpires: 300\r\n"
                    + "Contact: <sip:presence@" + PEER + ":5060>\r\nContent-Length: 0\r\n\r\n");
            for (int n = 1; n <= 3; n++) {
                send(peer, "NOTIFY sip:federationgateway@" + GATEWAY + ":" + GATEWAY_PORT + " SIP/2.0\r\n"
                        + "Via: SIP/2.0/UDP " + PEER + ":5060;branch=z9hG4bKnotify-worker-" + n + "\r\nMax-Forwards: 70\r\n"
                        + "From: <sip:romeo@a.test>;tag=presence-tag\r\nTo: <sip:juliet@b.test>;tag=watcher-tag\r\nCall-ID: " + callId + "\r\n"
                        + "CSeq: " + n + " NOTIFY\r\nEvent: presence\r\nSubscription-State: active;expires=300\r\n"
                        + "Contact: <sip:presence@" + PEER + ":5060>\r\nContent-Length: 0\r\n\r\n");
                String answer = receive(peer, "the answer to NOTIFY " + n);
                while (answer.startsWith("SUBSCRIBE")) { // a retransmission that crossed the 200
                    answer = receive(peer, "the answer to NOTIFY " + n);
                }
                assertTrue(answer.startsWith("SIP/2.0 200"), answer);
                assertEquals(n + " NOTIFY", header(answer, "CSeq"), "the answer to NOTIFY " + n);
            }
        } finally {
            stack.stop();
        }
    }

    private static void addListener(SipProvider provider, SipListener listener) throws TooManyListenersException {
        provider.addSipListener(listener);
    }
}
