package org.federationgateway.openfire;

import java.util.List;

import org.jivesoftware.openfire.session.Session;
import org.jivesoftware.util.SystemProperty;
import org.xmpp.packet.StreamError;

/**
 * The one place that knows Openfire's API differs between the versions the plugin supports (5.0, 5.1, 5.2).
 * The JVM links a call by its whole descriptor, return type included: a call compiled against 5.1's
 * {@code void SystemProperty.setValue(Object)} fails with NoSuchMethodError on 5.2, where it returns the previous
 * value. Each such member is resolved here once, by name and parameter types, when the plugin starts; the stand-in
 * marks it {@code @VersionDependent} and the build refuses a direct call to it anywhere else. A member that some
 * supported versions lack is not declared by the stand-in at all; what it does is done here with members all have.
 */
final class VersionBridge {
    /** {@code SystemProperty.setValue(T)}: void in 5.0 and 5.1, returns the previous value from 5.2 (OF-3313). */
    private static final VoidCall SET_VALUE = VoidCall.resolve(SystemProperty.class, "setValue", Object.class);

    private VersionBridge() {
    }

    /** Every member bridged here; the linkage checks compare it with the stand-in's {@code @VersionDependent} ones. */
    static List<VoidCall> calls() {
        return List.of(SET_VALUE);
    }

    static <T> void setValue(SystemProperty<T> property, T value) {
        SET_VALUE.call(property, value);
    }

    /**
     * Closes a session with a stream error. {@code Session.close(StreamError)} exists from 5.1 on, where it sends the
     * error and closes (and marks the session non-resumable, which only client sessions can be); 5.0 has no such
     * method, so this does the same with the members every version has.
     */
    static void close(Session session, StreamError error) {
        session.deliverRawText(error.toXML());
        session.close();
    }
}
