package org.federationgateway.openfire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jivesoftware.openfire.session.Session;
import org.xmpp.packet.StreamError;

import org.junit.jupiter.api.Test;

/** The bridge links Openfire's own members: against the compile-only stand-in, a call reaches its body. */
class VersionBridgeTest {

    @Test
    void setValueIsLinkedByNameAndReachesSystemProperty() {
        // The stand-in's bodies throw this: seeing it proves the handle is bound to SystemProperty.setValue itself.
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> VersionBridge.setValue(standInProperty(), 1));
        assertEquals("Openfire API stand-in", e.getMessage());
    }

    @Test
    void namesEveryBridgedMember() {
        assertEquals(List.of("org.jivesoftware.util.SystemProperty#setValue(java.lang.Object)"),
                VersionBridge.calls().stream().map(VoidCall::member).toList());
    }

    @Test
    void aSessionIsClosedWithItsStreamErrorTheWayOpenfire51DoesUsingWhatOpenfire50Has() {
        List<String> calls = new ArrayList<>();
        Session session = (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Session.class},
                (proxy, method, args) -> {
                    calls.add(method.getName() + (args == null ? "" : Arrays.toString(args)));
                    return null;
                });
        StreamError error = new StreamError(StreamError.Condition.policy_violation, "c.test is not a partner");
        VersionBridge.close(session, error);
        assertEquals(List.of("deliverRawText[" + error.toXML() + "]", "close"), calls);
    }

    /** Openfire 5.0 has no Session.close(StreamError) (5.1 added it): the stand-in must not offer it to the plugin. */
    @Test
    void theStandInDoesNotDeclareTheCloseThatOpenfire50Lacks() {
        assertEquals(List.of(), Arrays.stream(Session.class.getMethods())
                .filter(m -> m.getName().equals("close") && m.getParameterCount() == 1).toList());
    }

    /** The stand-in has no public constructor; a property instance is made without one, as a test double. */
    @SuppressWarnings("unchecked")
    private static org.jivesoftware.util.SystemProperty<Integer> standInProperty() {
        try {
            var f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            sun.misc.Unsafe unsafe = (sun.misc.Unsafe) f.get(null);
            return (org.jivesoftware.util.SystemProperty<Integer>) unsafe.allocateInstance(org.jivesoftware.util.SystemProperty.class);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
