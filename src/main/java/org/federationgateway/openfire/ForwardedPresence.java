package org.federationgateway.openfire;

import java.io.IOException;
import java.io.ObjectInput;
import java.io.ObjectOutput;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

import org.dom4j.DocumentException;
import org.dom4j.io.SAXReader;
import org.federationgateway.lifecycle.NodeLog;
import org.jivesoftware.util.cache.ClusterTask;
import org.slf4j.Logger;
import org.xml.sax.SAXException;
import org.xmpp.packet.Presence;

/**
 * A partner's presence stanza for a SIP watcher, handed by the node that received it to the node that holds the
 * watcher's subscription ({@code CacheFactory.doClusterTask(task, nodeID)}); that node carries it out as if it had
 * received it (a NOTIFY in the watcher's dialog). Only strings travel (the subscription key and the stanza as XML),
 * each as a length and UTF-8 bytes, so no size limit of {@code writeUTF} applies and no plugin object crosses nodes.
 * The receiving node finds its running bridge through {@link #receiveWith}, set while the plugin is loaded.
 */
public final class ForwardedPresence implements ClusterTask<Void> {
    private static final Logger LOG = NodeLog.getLogger(ForwardedPresence.class);
    /** A stanza larger than this is refused when read (a corrupt length would otherwise allocate without bound). */
    static final int MAX_BYTES = 16 * 1024 * 1024;
    private static final AtomicReference<BridgeRoute> RECEIVER = new AtomicReference<>();

    private String key;
    private String stanza;

    /** For Openfire's cluster (Externalizable). */
    public ForwardedPresence() {
    }

    ForwardedPresence(String key, String stanza) {
        this.key = key;
        this.stanza = stanza;
    }

    /** Lets tasks from other nodes reach this node's bridge; the returned handle undoes it (plugin unload). */
    static AutoCloseable receiveWith(BridgeRoute route) {
        RECEIVER.set(route);
        return () -> RECEIVER.compareAndSet(route, null);
    }

    String key() {
        return key;
    }

    String stanza() {
        return stanza;
    }

    @Override
    public void run() {
        BridgeRoute route = RECEIVER.get();
        java.util.Optional<org.federationgateway.bridge.SipBridge> bridge = route == null ? java.util.Optional.empty() : route.running();
        if (bridge.isEmpty()) {
            LOG.warn("Federation Gateway: another cluster node handed presence for the SIP watcher's subscription {} to this node, "
                    + "whose SIP bridge is not running; it is not delivered: {}", key, stanza);
            return;
        }
        Presence presence;
        try {
            presence = parse(stanza);
        } catch (DocumentException | SAXException | RuntimeException e) {
            LOG.warn("Federation Gateway: cannot read the presence another cluster node handed over for subscription {}: {}", key, e.toString());
            return;
        }
        bridge.get().acceptForwarded(presence);
    }

    static Presence parse(String xml) throws DocumentException, SAXException {
        SAXReader reader = new SAXReader();
        reader.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        reader.setEncoding("UTF-8");
        return new Presence(reader.read(new StringReader(xml)).getRootElement(), true);
    }

    @Override
    public Void getResult() {
        return null;
    }

    @Override
    public void writeExternal(ObjectOutput out) throws IOException {
        write(out, key);
        write(out, stanza);
    }

    @Override
    public void readExternal(ObjectInput in) throws IOException {
        key = read(in);
        stanza = read(in);
    }

    private static void write(ObjectOutput out, String s) throws IOException {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String read(ObjectInput in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_BYTES) {
            throw new IOException("forwarded presence: a field of " + length + " bytes (at most " + MAX_BYTES + ")");
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
