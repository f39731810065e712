package org.federationgateway.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

/** Parsers are pooled: documents parsed at once on many threads, and after a refused one, still read right. */
class PidfParserReuseTest {
    private static byte[] doc(int i) {
        return ("<presence xmlns='urn:ietf:params:xml:ns:pidf' entity='sip:u" + i + "@a.test'><tuple id='t" + i
                + "'><status><basic>" + (i % 2 == 0 ? "open" : "closed") + "</basic></status></tuple></presence>").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void documentsParsedConcurrentlyEachReadTheirOwnContent() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> {
                    int wrong = 0;
                    for (int i = 0; i < 500; i++) {
                        Pidf.Parsed p = Pidf.parse(doc(i));
                        boolean right = p.entity().equals("sip:u" + i + "@a.test") && p.tuples().get(0).id().equals("t" + i)
                                && p.tuples().get(0).basic() == (i % 2 == 0 ? Pidf.Basic.OPEN : Pidf.Basic.CLOSED);
                        wrong += right ? 0 : 1;
                    }
                    return wrong;
                }));
            }
            for (Future<Integer> r : results) {
                assertEquals(0, r.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aReaderThatRefusedADocumentReadsTheNextOneRight() {
        for (int i = 0; i < 20; i++) {
            assertThrows(TranslationException.class, () -> Pidf.parse("<presence xmlns='urn:ietf:params:xml:ns:pidf'><tuple>".getBytes(StandardCharsets.UTF_8)));
            assertThrows(TranslationException.class, () -> Pidf.parse(
                    "<?xml version='1.0'?><!DOCTYPE p [<!ENTITY e 'x'>]><presence xmlns='urn:ietf:params:xml:ns:pidf'>&e;</presence>".getBytes(StandardCharsets.UTF_8)));
            assertEquals("sip:u4@a.test", Pidf.parse(doc(4)).entity());
        }
    }
}
