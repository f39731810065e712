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
import org.json.JSONParserConfiguration;

/**
 * A request body: one JSON object, parsed strictly (quoted names and strings only, no trailing commas or
 * text after the object, no duplicate names) with Openfire's own org.json.
 */
public final class JsonBody {
    private static final JSONParserConfiguration STRICT = new JSONParserConfiguration().withStrictMode(true).withMaxNestingDepth(16);

    private JsonBody() {
    }

    /** The body as a map; values are String, Boolean, Long, BigDecimal, List, Map or null. */
    public static Map<String, Object> parseObject(String text) {
        if (text == null || text.isBlank()) {
            throw new BadJsonException("empty; one JSON object is expected");
        }
        try {
            return toMap(new JSONObject(text.strip(), STRICT));
        } catch (JSONException e) {
            throw new BadJsonException("not one JSON object: " + e.getMessage());
        }
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
