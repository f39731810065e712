package org.federationgateway.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.json.JSONArray;
import org.json.JSONException;
import org.json.JSONObject;
import org.json.JSONTokener;

/**
 * A request body: one JSON object, parsed with Openfire's own org.json: strictly (quoted names and strings only, no
 * trailing commas or text after the object, no duplicate names) where its org.json has a strict mode (Openfire 5.1
 * and later ship 2024 or newer); Openfire 5.0's org.json (2023) has none, and there duplicate names and text after the
 * object are still refused.
 */
public final class JsonBody {

    private JsonBody() {
    }

    /** The body as a map; values are String, Boolean, Long, BigDecimal, List, Map or null. */
    public static Map<String, Object> parseObject(String text) {
        if (text == null || text.isBlank()) {
            throw new BadJsonException("empty; one JSON object is expected");
        }
        try {
            return toMap(Strict.AVAILABLE ? Strict.parse(text.strip()) : lenient(text.strip()));
        } catch (JSONException e) {
            throw new BadJsonException("not one JSON object: " + e.getMessage());
        }
    }

    /** org.json's strict mode, in a class of its own so an org.json without it fails only this class's loading. */
    private static final class Strict {
        static final boolean AVAILABLE = available();

        private static boolean available() {
            try {
                Class.forName("org.json.JSONParserConfiguration", false, JsonBody.class.getClassLoader());
                return true;
            } catch (ClassNotFoundException e) {
                return false;
            }
        }

        static JSONObject parse(String text) {
            return new JSONObject(text, new org.json.JSONParserConfiguration().withStrictMode(true).withMaxNestingDepth(16));
        }
    }

    /** Older org.json: its parser already refuses duplicate names; text after the object is refused here. */
    private static JSONObject lenient(String text) {
        JSONTokener tokener = new JSONTokener(text);
        JSONObject o = new JSONObject(tokener);
        if (tokener.nextClean() != 0) {
            throw new JSONException("text after the JSON object");
        }
        return o;
    }

    private static Map<String, Object> toMap(JSONObject o) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String key : o.keySet()) {
            m.put(key, value(o.get(key)));
        }
        return m;
    }

    private static Object value(Object v) {
        if (v == JSONObject.NULL) {
            return null;
        }
        if (v instanceof JSONObject o) {
            return toMap(o);
        }
        if (v instanceof JSONArray a) {
            List<Object> list = new ArrayList<>();
            for (int i = 0; i < a.length(); i++) {
                list.add(value(a.get(i)));
            }
            return list;
        }
        if (v instanceof Integer || v instanceof Long || v instanceof BigInteger) {
            return new BigDecimal(v.toString());
        }
        if (v instanceof Number n) {
            return new BigDecimal(n.toString());
        }
        return v;
    }

    /** A body that is not the JSON object the API expects. */
    public static final class BadJsonException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public BadJsonException(String message) {
            super(message);
        }
    }
}
