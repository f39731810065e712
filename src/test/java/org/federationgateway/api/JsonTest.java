package org.federationgateway.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.federationgateway.json.Field;
import org.federationgateway.json.JsonBody;
import org.federationgateway.json.JsonWriter;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** RFC 8259 as the API reads and writes it: strict in, deterministic and markup-safe out. */
class JsonTest {
    @ParameterizedTest
    @ValueSource(strings = {"{a:1}", "{'a':1}", "{\"a\":1} x", "{\"a\":1,\"a\":2}", "{\"a\":tru}", "{\"a\":01}", "{\"a\":1,}",
            "{\"b\":[1,2,]}", "[1]", "\"text\"", "", "   "})
    void rfc8259Section4NonConformingTextIsRefused(String text) {
        assertThrows(JsonBody.BadJsonException.class, () -> JsonBody.parseObject(text));
    }

    @Test
    void rfc8259Section4ValuesReadAsTheirTypes() {
        Map<String, Object> m = JsonBody.parseObject("{\"s\":\"x\\u00e9\",\"t\":true,\"n\":null,\"i\":5,\"d\":1.5,\"l\":[\"a\"],\"o\":{\"k\":false}}");
        assertEquals("xé", m.get("s"));
        assertEquals(Boolean.TRUE, m.get("t"));
        assertNull(m.get("n"));
        assertEquals(new BigDecimal("5"), m.get("i"));
        assertEquals(new BigDecimal("1.5"), m.get("d"));
        assertEquals(List.of("a"), m.get("l"));
        assertEquals(Map.of("k", false), m.get("o"));
    }

    @Test
    void rfc8259Section7StringsAreEscapedAndMarkupCannotForm() {
        assertEquals("\"a\\\"b\\\\c\\n\\u0001\\u003cscript\\u003e\\u0026\"", JsonWriter.write("a\"b\\c\n\u0001<script>&"));
    }

    @Test
    void outputKeepsTheMapsOrderSoETagsAreStable() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("z", 1);
        m.put("a", Arrays.asList("x", null, true));
        assertEquals("{\"z\":1,\"a\":[\"x\",null,true]}", JsonWriter.write(m));
        assertEquals(Api.etag(m), Api.etag(new LinkedHashMap<>(m)));
        m.put("a", List.of("y"));
        assertNotEquals(Api.etag(Map.of("a", List.of("x"))), Api.etag(m));
    }

    @Test
    void fieldsRefuseWrongTypesInsteadOfCoercing() {
        assertNull(Field.of("dialback", Field.Type.BOOLEAN).toFormValue("yes"));
        assertEquals("true", Field.of("dialback", Field.Type.BOOLEAN).toFormValue(true));
        assertNull(Field.of("limit", Field.Type.INTEGER).toFormValue(new BigDecimal("1.5")));
        assertNull(Field.of("limit", Field.Type.INTEGER).toFormValue(new BigDecimal("1e20")));
        assertNull(Field.of("limit", Field.Type.INTEGER).toFormValue(null));
        assertEquals("", Field.of("limit", Field.Type.OPTIONAL_INTEGER).toFormValue(null));
        assertEquals("7", Field.of("limit", Field.Type.INTEGER).toFormValue(new BigDecimal("7")));
        assertEquals("a\nb", Field.of("l", Field.Type.STRING_LIST).toFormValue(List.of("a", "b")));
        assertNull(Field.of("l", Field.Type.STRING_LIST).toFormValue(List.of("a", 1)));
        assertNull(Field.string("s").toFormValue(null));
    }
}
