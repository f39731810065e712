package org.jivesoftware.openfire.session;

import java.net.UnknownHostException;
import java.security.cert.Certificate;
import java.util.Date;

import org.jivesoftware.openfire.StreamID;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;
import org.xmpp.packet.StreamError;

/**
 * Stand-in for Openfire 5's Session (declarations only). In Openfire it extends RoutableChannelHandler,
 * which declares getAddress(); the JVM finds the method either way.
 */
public interface Session {
    enum Status { CLOSED, CONNECTED, AUTHENTICATED }

    JID getAddress();

    Status getStatus();

    StreamID getStreamID();

    Date getCreationDate();

    Date getLastActiveDate();

    /** Openfire 5.1 added {@code close(StreamError)}; 5.0 lacks it, so the plugin sends the error and closes. */
    void close();

    void deliverRawText(String text);

    default boolean isClosed() { throw new UnsupportedOperationException("Openfire API stand-in"); }

    boolean isEncrypted();

    Certificate[] getPeerCertificates();

    String getTLSProtocolName();

    String getCipherSuiteName();
}
