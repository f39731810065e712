package org.federationgateway.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Which of JAIN-SIP's error lines are a connection failure the bridge reports itself (openfire.log gets them at
 * debug) and which stay errors. The messages are the RI 1.3.0-91's own, as it logs them when the front end's TCP
 * port refuses a connection.
 */
class Slf4jStackLoggerTest {

    static Stream<Arguments> lines() {
        IOException refused = new IOException("Could not connect to /127.0.0.5:5060");
        return Stream.of(
                Arguments.of("Problem connecting /127.0.0.5 5060 /127.0.0.6 for message MESSAGE sip:romeo@a.test SIP/2.0", null, true),
                Arguments.of("Problem sending: sendBytes TCP inAddr 127.0.0.5 port = 5060 remoteHost 127.0.0.5", null, true),
                Arguments.of("{}", null, true),
                Arguments.of("Could not connect to /127.0.0.5:5060", null, true),
                Arguments.of("Failed to connect /127.0.0.5:5060 but trying the advertised port=5060", null, true),
                Arguments.of("Error is ", refused, true),
                Arguments.of("A problem occured while trying to send a single CLRF in response to a double CLRF", null, true),
                Arguments.of("A problem occured while trying to send a single CLRF in response to a double CLRF", refused, true),
                // Not a transport failure: stays at its level.
                Arguments.of("Error is ", new IllegalStateException("dialog"), false),
                Arguments.of("Problem connecting /127.0.0.5 5060", new NullPointerException(), false),
                Arguments.of("Error is ", null, false),
                Arguments.of("Dropping badly formatted message", null, false),
                Arguments.of("Unexpected exception in the transaction", refused, false),
                Arguments.of(null, null, false));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" with {1} -> reported by the bridge: {2}")
    @MethodSource("lines")
    void connectionFailuresTheBridgeReportsItselfAreDebugOthersStayErrors(String message, Throwable ex, boolean reported) {
        assertEquals(reported, Slf4jStackLogger.isReportedTransportFailure(message, ex));
    }
}
