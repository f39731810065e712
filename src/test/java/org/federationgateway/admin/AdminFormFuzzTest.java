package org.federationgateway.admin;

import org.federationgateway.i18n.Messages;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import javax.servlet.http.HttpServletRequest;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.federationgateway.gateway.BridgeSettings;
import org.federationgateway.policy.Partner;
import org.federationgateway.policy.SettingException;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz targets for the admin forms' field parsing. Properties: any submitted values give a saved object or
 * errors beside known fields, each with a text from the bundle (never an exception, never a missing text);
 * a partner that parses shows again as fields that parse to the same partner; the SIP settings accept or
 * refuse with the two exception types the page turns into errors.
 */
class AdminFormFuzzTest {
    /**
     * sipHomedPatterns holds regular expressions by design (an administrator's, like Lync's SIP-homed rules); a
     * fuzzed expression (or any invalid one, which Jazzer's regex-injection detector reports as it compiles) would
     * only ever report that, so this field gets valid ones; invalid ones are refused as BridgeSettingsTest shows.
     */
    private static final String[] SIP_HOMED_PATTERNS = {"", "sip-.*@example\\.com", ".*@sip\\.example\\.com  lync-.*"};
    private static final Messages MESSAGES = new BundleMessages(Locale.ENGLISH, AdminFormFuzzTest.class.getClassLoader());

    static HttpServletRequest request(Map<String, String> parameters) {
        return (HttpServletRequest) Proxy.newProxyInstance(AdminFormFuzzTest.class.getClassLoader(), new Class<?>[] {HttpServletRequest.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getParameter")) {
                        return parameters.get((String) args[0]);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @FuzzTest
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void partnerFormSavesOrNamesTheField(FuzzedDataProvider data) {
        Map<String, String> typed = new HashMap<>();
        for (String field : PartnerForm.FIELDS) {
            int choice = data.consumeInt(0, 3);
            switch (choice) {
                case 0 -> { } // not sent at all
                case 1 -> typed.put(field, PartnerForm.defaults().getOrDefault(field, ""));
                default -> typed.put(field, data.consumeString(80));
            }
        }
        FormErrors errors = new FormErrors(MESSAGES);
        Optional<Partner> partner = PartnerForm.parse(request(typed), new FormFields(request(typed), errors, PartnerForm.FIELDS), errors);
        assertEquals(errors.isEmpty(), partner.isPresent(), "a partner exactly when there is no error");
        for (Map.Entry<String, String> e : errors.asMap().entrySet()) {
            assertTrue(List.of(PartnerForm.FIELDS).contains(e.getKey()), "an error sits beside a form field: " + e.getKey());
            assertFalse(e.getValue().startsWith("???"), "every error has a text in the bundle: " + e.getValue());
        }
        if (partner.isPresent()) {
            Map<String, String> shown = PartnerForm.fieldsOf(partner.get());
            FormErrors again = new FormErrors(MESSAGES);
            Optional<Partner> reparsed = PartnerForm.parse(request(shown), new FormFields(request(shown), again, PartnerForm.FIELDS), again);
            assertEquals(partner, reparsed, "a saved partner shown again parses to itself; errors: " + again.asMap());
        }
    }

    @FuzzTest
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void sipSettingsAcceptOrRefuse(FuzzedDataProvider data) {
        try {
            BridgeSettings.parse(data.consumeBoolean(), data.consumeString(40), data.consumeInt(1, 65535), data.consumeString(20),
                    data.consumeString(40), data.consumeInt(0, 65535), data.consumeString(8), data.consumeString(80),
                    Duration.ofSeconds(data.consumeInt(5, 86400)), data.consumeString(120), data.pickValue(SIP_HOMED_PATTERNS), data.consumeString(10),
                    Duration.ofSeconds(data.consumeInt(0, 30)), data.consumeString(12), data.consumeString(40),
                    new BridgeSettings.TlsText(data.consumeInt(1, 65535), data.consumeString(40), data.consumeString(20),
                            data.consumeString(40), data.consumeString(20), data.consumeRemainingAsString()));
        } catch (SettingException e) {
            assertFalse(MESSAGES.get("sipsettings.error." + SipSettingsPage.fieldOf(e.field())).startsWith("???"),
                    "a refused setting has a text beside its field: " + e.field());
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), "a refusal says why");
        }
    }
}
