package org.federationgateway.openfire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** One jar for every Openfire 5: a method whose return type changed between versions is still called. */
class VoidCallTest {

    /** The shape of {@code SystemProperty.setValue} in Openfire 5.0 and 5.1. */
    public static final class ReturnsVoid {
        public final List<Object> seen = new ArrayList<>();

        public void setValue(Object value) {
            seen.add(value);
        }
    }

    /** The shape of {@code SystemProperty.setValue} from Openfire 5.2 on (OF-3313): the previous value. */
    public static final class ReturnsPrevious {
        public final List<Object> seen = new ArrayList<>();

        public Object setValue(Object value) {
            seen.add(value);
            return seen.size() > 1 ? seen.get(seen.size() - 2) : null;
        }
    }

    public static final class Throws {
        public void setValue(Object value) {
            throw new IllegalArgumentException("refused: " + value);
        }

        public static void staticOne(Object value) {
        }
    }

    @Test
    void linksTheVoidShapeOfOpenfire51() {
        ReturnsVoid target = new ReturnsVoid();
        VoidCall.resolve(ReturnsVoid.class, "setValue", Object.class).call(target, 7);
        assertEquals(List.of(7), target.seen);
    }

    @Test
    void linksTheValueReturningShapeOfOpenfire52AndDropsTheResult() {
        ReturnsPrevious target = new ReturnsPrevious();
        VoidCall call = VoidCall.resolve(ReturnsPrevious.class, "setValue", Object.class);
        call.call(target, "a");
        call.call(target, "b");
        assertEquals(List.of("a", "b"), target.seen);
    }

    @Test
    void aMissingMemberFailsAtResolutionNamingIt() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> VoidCall.resolve(ReturnsVoid.class, "setValue", String.class));
        assertTrue(e.getMessage().contains(ReturnsVoid.class.getName() + "#setValue(java.lang.String)"), e.getMessage());
    }

    @Test
    void aStaticMemberIsNotTakenForTheInstanceOne() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> VoidCall.resolve(Throws.class, "staticOne", Object.class));
        assertTrue(e.getMessage().contains("static"), e.getMessage());
    }

    @Test
    void whatTheMemberThrowsReachesTheCallerUnchanged() {
        IllegalArgumentException thrown = new IllegalArgumentException();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VoidCall.resolve(Throws.class, "setValue", Object.class).call(new Throws(), "x"));
        assertEquals("refused: x", e.getMessage());
        assertSame(IllegalArgumentException.class, e.getClass(), "not wrapped: " + thrown);
    }
}
