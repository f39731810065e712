package org.federationgateway.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/** The audit trail of administrative changes: who, what, before and after; nothing for a change that saved nothing. */
class AdminChangesTest {
    private final Map<String, String> state = new TreeMap<>();
    private final List<String[]> records = new ArrayList<>();
    private final AdminChanges changes = new AdminChanges(() -> new TreeMap<>(state), (a, s, d) -> records.add(new String[] {a, s, d}));

    @Test
    void addedChangedAndRemovedItemsWithBeforeAndAfter() {
        state.put("partner:b.test", "{\"d\":1}");
        state.put("policy:sales", "{}");
        changes.apply("admin", "console: partners (delete)", () -> {
            state.put("partner:b.test", "{\"d\":2}");
            state.remove("policy:sales");
            state.put("partner:e.test", "{}");
            return null;
        });
        assertEquals(1, records.size());
        assertEquals("admin", records.get(0)[0]);
        assertEquals("console: partners (delete)", records.get(0)[1]);
        assertEquals("changed partner:b.test\n  before: {\"d\":1}\n  after: {\"d\":2}\n"
                + "added partner:e.test\n  before: (none)\n  after: {}\n"
                + "removed policy:sales\n  before: {}\n  after: (none)\n", records.get(0)[2]);
    }

    @Test
    void aRefusedChangeRecordsNothingAndAFailureStillRecordsWhatItDid() {
        changes.apply("admin", "refused", () -> "nothing saved");
        assertTrue(records.isEmpty());
        assertThrows(IllegalStateException.class, () -> changes.apply("admin", "half", () -> {
            state.put("partner:x.test", "{}");
            throw new IllegalStateException("boom");
        }));
        assertEquals(1, records.size());
        assertTrue(records.get(0)[2].startsWith("added partner:x.test"));
    }

    @Test
    void longSummariesFitOpenfiresAuditColumn() {
        changes.apply("admin", "x".repeat(400), () -> state.put("k", "v"));
        assertEquals(AdminChanges.MAX_SUMMARY, records.get(0)[1].length());
    }
}
