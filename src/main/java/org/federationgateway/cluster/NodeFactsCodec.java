package org.federationgateway.cluster;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.federationgateway.audit.CounterKey;
import org.federationgateway.json.JsonBody;
import org.federationgateway.json.JsonWriter;
import org.federationgateway.lifecycle.PartState;
import org.federationgateway.lifecycle.PartStatus;
import org.federationgateway.policy.AuthMethod;
import org.federationgateway.policy.Direction;
import org.federationgateway.policy.StableCode;
import org.federationgateway.status.FrontEndView;
import org.federationgateway.status.LiveSession;

/**
 * {@link NodeFacts} as one JSON string, the form they take in Openfire's clustered cache: a String is a JDK type, so no
 * class of the plugin has to be deserialized on another node (a plugin's own classes in a clustered cache break when
 * the plugin is reloaded). Times are epoch milliseconds; enums are their stable codes.
 */
public final class NodeFactsCodec {
    /** The layout's version; a node reading another version skips that entry instead of misreading it. */
    static final int VERSION = 1;

    private NodeFactsCodec() {
    }

    public static String encode(NodeFacts f) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("v", VERSION);
        o.put("node", f.node());
        o.put("name", f.name());
        o.put("published", f.published().toEpochMilli());
        o.put("parts", f.parts().stream().map(p -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("part", p.part());
            m.put("state", p.state().code());
            m.put("cause", p.cause());
            return m;
        }).toList());
        Map<String, Object> sip = new LinkedHashMap<>();
        sip.put("state", f.sipEndpoint().state());
        sip.put("target", f.sipEndpoint().target());
        sip.put("since", millis(f.sipEndpoint().since()));
        sip.put("detail", f.sipEndpoint().detail());
        o.put("sip", sip);
        o.put("sessions", f.sessions().stream().map(s -> {
            LiveSession l = s.session();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", s.id());
            m.put("domain", l.remoteDomain());
            m.put("direction", l.direction().code());
            m.put("auth", l.authMethod().code());
            m.put("tls", l.tlsProtocol());
            m.put("cipher", l.cipherSuite());
            m.put("peerSubject", l.peerSubject());
            m.put("peerNotAfter", millis(l.peerNotAfter()));
            m.put("since", l.since().toEpochMilli());
            m.put("authenticated", s.authenticated());
            return m;
        }).toList());
        o.put("counters", f.counters().entrySet().stream().map(e -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("partner", e.getKey().partner());
            m.put("event", e.getKey().event());
            m.put("count", e.getValue());
            return m;
        }).toList());
        return JsonWriter.write(o);
    }

    /**
     * @throws IllegalArgumentException when the text is not facts of this layout (another plugin version, damage); the
     *                                  message says what is wrong
     */
    public static NodeFacts decode(String text) {
        try {
            Map<String, Object> o = JsonBody.parseObject(text);
            long version = number(o, "v");
            if (version != VERSION) {
                throw new IllegalArgumentException("layout version " + version + ", this plugin reads " + VERSION);
            }
            String node = string(o, "node");
            List<PartStatus> parts = new ArrayList<>();
            for (Map<String, Object> p : objects(o, "parts")) {
                String state = string(p, "state");
                PartState ps = null;
                for (PartState candidate : PartState.values()) {
                    if (candidate.code().equals(state)) {
                        ps = candidate;
                    }
                }
                if (ps == null) {
                    throw new IllegalArgumentException("unknown part state '" + state + "'");
                }
                parts.add(new PartStatus(string(p, "part"), ps, (String) p.get("cause")));
            }
            Map<String, Object> sip = object(o, "sip");
            FrontEndView endpoint = new FrontEndView(string(sip, "state"), string(sip, "target"), instant(sip, "since"), (String) sip.get("detail"));
            List<NodeSession> sessions = new ArrayList<>();
            for (Map<String, Object> s : objects(o, "sessions")) {
                LiveSession live = new LiveSession(string(s, "domain"),
                        StableCode.fromCode(Direction.class, string(s, "direction"), "direction"),
                        StableCode.fromCode(AuthMethod.class, string(s, "auth"), "auth"),
                        string(s, "tls"), string(s, "cipher"), string(s, "peerSubject"), instant(s, "peerNotAfter"),
                        Instant.ofEpochMilli(number(s, "since")));
                sessions.add(new NodeSession(node, string(s, "id"), live, Boolean.TRUE.equals(s.get("authenticated"))));
            }
            Map<CounterKey, Long> counters = new LinkedHashMap<>();
            for (Map<String, Object> c : objects(o, "counters")) {
                counters.put(new CounterKey(string(c, "partner"), string(c, "event")), number(c, "count"));
            }
            return new NodeFacts(node, string(o, "name"), Instant.ofEpochMilli(number(o, "published")), parts, endpoint, sessions, counters);
        } catch (JsonBody.BadJsonException | ClassCastException | NullPointerException | ArithmeticException e) {
            throw new IllegalArgumentException("not node facts: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            if (e instanceof IllegalArgumentException) {
                throw e;
            }
            throw new IllegalArgumentException("not node facts: " + e, e);
        }
    }

    private static Long millis(Instant at) {
        return at == null ? null : at.toEpochMilli();
    }

    private static String string(Map<String, Object> o, String name) {
        Object v = o.get(name);
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException("'" + name + "' must be a string");
        }
        return s;
    }

    private static long number(Map<String, Object> o, String name) {
        Object v = o.get(name);
        if (!(v instanceof BigDecimal n)) {
            throw new IllegalArgumentException("'" + name + "' must be a number");
        }
        return n.longValueExact();
    }

    private static Instant instant(Map<String, Object> o, String name) {
        return o.get(name) == null ? null : Instant.ofEpochMilli(number(o, name));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Map<String, Object> o, String name) {
        Object v = o.get(name);
        if (!(v instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("'" + name + "' must be an object");
        }
        return (Map<String, Object>) v;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> objects(Map<String, Object> o, String name) {
        Object v = o.get(name);
        if (!(v instanceof List<?> list)) {
            throw new IllegalArgumentException("'" + name + "' must be a list");
        }
        for (Object item : list) {
            if (!(item instanceof Map<?, ?>)) {
                throw new IllegalArgumentException("'" + name + "' must hold objects");
            }
        }
        return (List<Map<String, Object>>) v;
    }
}
