package org.federationgateway.policy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.federationgateway.testing.Bundles;
import org.federationgateway.testing.PluginRoot;
import org.junit.jupiter.api.Test;

/** Every message key the policy can produce exists in both languages. */
class PolicyMessagesTest {
    private static final Pattern KEY = Pattern.compile("\"(policy\\.(?:error|warning|reason)\\.[A-Za-z0-9.-]+)\"");

    @Test
    void everyKeyInThePolicySourcesAndEveryReasonAndWarningHasBothLanguages() throws IOException {
        Properties en = Bundles.english();
        Properties ru = Bundles.russian();
        try (Stream<Path> files = Files.walk(PluginRoot.resolve("src/main/java/org/federationgateway/policy"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = KEY.matcher(Files.readString(f));
                while (m.find()) {
                    assertTrue(en.containsKey(m.group(1)) && ru.containsKey(m.group(1)), f.getFileName() + ": " + m.group(1));
                }
            }
        }
        for (ReasonCode r : ReasonCode.values()) {
            assertTrue(en.containsKey(r.messageKey()) && ru.containsKey(r.messageKey()), r.messageKey());
        }
        for (NegotiationWarning w : NegotiationWarning.values()) {
            assertTrue(en.containsKey(w.messageKey()) && ru.containsKey(w.messageKey()), w.messageKey());
        }
    }
}
