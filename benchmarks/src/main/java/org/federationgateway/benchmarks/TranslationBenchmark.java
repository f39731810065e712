package org.federationgateway.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.federationgateway.translate.AddressMapping;
import org.federationgateway.translate.DomainMap;
import org.federationgateway.translate.MessageMapping;
import org.federationgateway.translate.SipMessage;
import org.federationgateway.translate.SipUri;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

/** RFC 7572 message translation both ways, as the bridge does it per message (address mapping included). */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TranslationBenchmark {
    private MessageMapping mapping;
    private Message fromPartner;
    private SipMessage fromSip;

    @Setup
    public void build() {
        mapping = new MessageMapping(new AddressMapping(DomainMap.IDENTITY), MessageMapping.InboundType.NORMAL);
        fromPartner = new Message();
        fromPartner.setType(Message.Type.chat);
        fromPartner.setFrom(new JID("juliet@b.test/balcony"));
        fromPartner.setTo(new JID("romeo@a.test"));
        fromPartner.setThread("e0ffe42b28561960c6b12b944a092794b9683a38");
        fromPartner.setBody("Wherefore art thou Romeo? Deny thy father and refuse thy name.");
        fromPartner.getElement().addAttribute(org.dom4j.QName.get("lang", org.dom4j.Namespace.XML_NAMESPACE), "en");
        fromSip = new SipMessage(SipUri.parse("sip:juliet@b.test"), SipUri.parse("sip:romeo@a.test"), "a84b4c76e66710@pc33.a.test", null, "en",
                MessageMapping.TEXT_PLAIN, "Call me but love, and I'll be new baptized.".getBytes(StandardCharsets.UTF_8));
        if (!(mapping.toSip(fromPartner, true) instanceof MessageMapping.Send) || !(mapping.toXmpp(fromSip) instanceof MessageMapping.Deliver)) {
            throw new IllegalStateException("benchmark set-up is wrong: a message is not translated");
        }
    }

    @Benchmark
    public MessageMapping.ToSip xmppToSip() {
        return mapping.toSip(fromPartner, true);
    }

    @Benchmark
    public MessageMapping.ToXmpp sipToXmpp() {
        return mapping.toXmpp(fromSip);
    }
}
