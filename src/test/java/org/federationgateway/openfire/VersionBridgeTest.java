package org.federationgateway.openfire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

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
