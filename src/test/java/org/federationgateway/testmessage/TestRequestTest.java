package org.federationgateway.testmessage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The three fields of a test message, each refused by name when it cannot be tested. */
class TestRequestTest {
    private static TestRequest.InvalidTestRequest refused(String from, String to, String wait) {
        return assertThrows(TestRequest.InvalidTestRequest.class, () -> TestRequest.parse(from, to, wait, "a.test"));
    }

    @Test
    void anEmptySenderIsTheServerAndTheDefaultWaitApplies() {
        TestRequest r = TestRequest.parse("", "Juliet@B.test", "", "a.test");
        assertNull(r.fromUser());
        assertEquals(new TestRequest.XmppTarget("juliet@b.test", "b.test"), r.to());
        assertEquals(TestRequest.DEFAULT_WAIT, r.waitFor());
    }

    @Test
    void aSenderIsAUserNameOrTheUsersAddressAtThisDomain() {
        assertEquals("alice", TestRequest.parse("Alice", "juliet@b.test", "3", "a.test").fromUser());
        assertEquals("alice", TestRequest.parse("alice@A.test", "juliet@b.test", "3", "a.test").fromUser());
        assertEquals(Duration.ofSeconds(3), TestRequest.parse("alice", "juliet@b.test", "3", "a.test").waitFor());
    }

    @Test
    void aSipAddressGoesToTheBridgeWithoutItsGruu() {
        TestRequest r = TestRequest.parse("alice", "sip:Romeo@a.test;gr=x", "", "a.test");
        assertInstanceOf(TestRequest.SipTarget.class, r.to());
        assertEquals("sip:Romeo@a.test", r.to().text());
    }

    @ParameterizedTest(name = "from ''{0}'' to ''{1}'' wait ''{2}'' -> {3} {4}")
    @CsvSource({
            "alice,'',,to,testmessage.error.to.blank",
            "alice,'   ',,to,testmessage.error.to.blank",
            "alice,b.test,,to,testmessage.error.to.nouser",
            "alice,bob@a.test,,to,testmessage.error.to.local",
            "alice,romeo@sip.a.test,,to,testmessage.error.to.local",
            "alice,sip:,,to,testmessage.error.to.invalid",
            "alice,sips:romeo@a.test,,to,testmessage.error.to.sips",
            "alice@c.test,juliet@b.test,,from,testmessage.error.from.domain",
            "al ice,juliet@b.test,,from,testmessage.error.from.invalid",
            "alice/phone,juliet@b.test,,from,testmessage.error.from.invalid",
            "'',sip:romeo@a.test,,from,testmessage.error.from.serverToSip",
            "alice,juliet@b.test,0,wait,testmessage.error.wait",
            "alice,juliet@b.test,61,wait,testmessage.error.wait",
            "alice,juliet@b.test,ten,wait,testmessage.error.wait"})
    void badInputIsRefusedUnderItsFieldsName(String from, String to, String wait, String field, String key) {
        TestRequest.InvalidTestRequest e = refused(from, to, wait);
        assertEquals(Set.of(field), e.problems().keySet());
        assertEquals(key, e.problems().get(field).key());
    }

    @Test
    void everyWrongFieldIsReportedAtOnce() {
        assertEquals(Set.of("from", "to", "wait"), refused("x@c.test", "", "99").problems().keySet());
    }
}
