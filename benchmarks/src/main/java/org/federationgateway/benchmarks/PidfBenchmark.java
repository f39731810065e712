package org.federationgateway.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.federationgateway.translate.Pidf;
import org.federationgateway.translate.PresenceMapping;
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
import org.xmpp.packet.Presence;

/** RFC 8048 presence: parsing a PIDF document as SIP presence servers send them, and generating one for two XMPP resources. */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PidfBenchmark {
    /** A PIDF with RPID person data and two tuples, the shape Kamailio's presence server relays from phones. */
    static final byte[] DOCUMENT = """
            <?xml version="1.0" encoding="UTF-8"?>
            <presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model"
                      xmlns:rpid="urn:ietf:params:xml:ns:pidf:rpid" entity="sip:romeo@a.test">
              <tuple id="desk"><status><basic>open</basic></status><contact priority="0.8">sip:romeo@10.0.0.7</contact>
                <note>At the desk phone</note></tuple>
              <tuple id="mobile"><status><basic>closed</basic></status></tuple>
              <dm:person id="p1"><rpid:activities><rpid:on-the-phone/></rpid:activities><dm:note>In a call</dm:note></dm:person>
            </presence>""".getBytes(StandardCharsets.UTF_8);

    private SipUri entity;
    private List<Presence> resources;

    @Setup
    public void build() {
        entity = SipUri.parse("sip:juliet@b.test");
        Presence balcony = new Presence();
        balcony.setFrom(new JID("juliet@b.test/balcony"));
        balcony.setShow(Presence.Show.away);
        balcony.setStatus("On the balcony");
        balcony.setPriority(5);
        Presence phone = new Presence();
        phone.setFrom(new JID("juliet@b.test/phone"));
        phone.setPriority(1);
        resources = List.of(balcony, phone);
        if (Pidf.parse(DOCUMENT).tuples().size() != 2) {
            throw new IllegalStateException("benchmark set-up is wrong: the document does not parse");
        }
    }

    @Benchmark
    public Pidf.Parsed parse() {
        return Pidf.parse(DOCUMENT);
    }

    @Benchmark
    public byte[] generateForTwoResources() {
        return PresenceMapping.toPidf(entity, resources, true);
    }
}
