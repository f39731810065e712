package org.federationgateway.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.federationgateway.testing.PluginRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The pages' view models: what a view reads exists on its record, and a model a view cannot show is refused when built. */
class ViewModelTest {

    /** Every {@code ${model.name()}} a page's JSP reads is an accessor of that page's view record. */
    @ParameterizedTest(name = "{0}.jsp reads only what {1} has")
    @CsvSource({
            "partners, PartnersView", "partner-edit, PartnerEditView", "policies, PoliciesView",
            "gateway-settings, GatewaySettingsView", "sip-settings, SipSettingsView", "status, StatusView",
            "readiness, ReadinessView", "transfer, TransferView", "test-message, TestMessageView"})
    void everyModelReadInAViewIsAnAccessorOfItsRecord(String page, String view) throws Exception {
        String jsp = Files.readString(PluginRoot.resolve("web/" + page + ".jsp"));
        assertTrue(jsp.contains("<fg:page name=\"" + page + "\"/>"), page + ".jsp renders the " + page + " controller's model");
        Set<String> methods = Arrays.stream(Class.forName("org.federationgateway.admin." + view).getMethods())
                .filter(m -> m.getParameterCount() == 0).map(Method::getName).collect(Collectors.toSet());
        List<String> read = reads(jsp, "model");
        assertTrue(!read.isEmpty(), page + ".jsp reads its model");
        for (String name : read) {
            assertTrue(methods.contains(name), page + ".jsp reads model." + name + "(), which " + view + " does not have");
        }
        assertEquals(List.of(), propertyReads(jsp), page + ".jsp reads a record as a bean property (EL finds no getter there)");
    }

    @Test
    void aPartnerListCannotShowMoreRowsThanThereArePartners() {
        PartnersView.PartnerRow row = new PartnersView.PartnerRow("b.test", "", "federated", "required", "required", false, "", "", List.of());
        assertThrows(IllegalArgumentException.class, () -> new PartnersView(List.of(row), "", 0, "", ""));
        assertEquals(1, new PartnersView(List.of(row), "", 1, "", "").rows().size());
    }

    @Test
    void noFieldOfAViewIsNull() {
        assertThrows(NullPointerException.class, () -> new GatewaySettingsView(null, Map.of(), false));
        assertThrows(NullPointerException.class, () -> new TransferView("{}", "", "data:,", "data:,", "json", null, List.of(), ""));
        List<String> withNull = new ArrayList<>();
        withNull.add(null);
        assertThrows(NullPointerException.class, () -> new PartnerEditView(Map.of(), Map.of(), "", withNull, ""));
    }

    @Test
    void checksThatHaveNotRunHaveNoResults() {
        assertThrows(IllegalArgumentException.class, () -> new ReadinessView(false, "2026-12-02 00:00:00 UTC", null, null));
        assertThrows(NullPointerException.class, () -> new ReadinessView(true, null, "ok", List.of()));
        assertEquals(false, ReadinessView.NOT_RUN.ran());
    }

    @Test
    void aPolicyRowHasExactlyThePolicyFlags() {
        assertThrows(IllegalArgumentException.class, () -> new PoliciesView.PolicyRow("Global", "", Map.of("xmppAccess", true), true));
        Map<String, Boolean> all = Map.of("xmppAccess", true, "federationAccess", false, "publicCloudAccess", false, "outsideAccess", false);
        assertEquals(true, new PoliciesView.PolicyRow("Global", "", all, true).flags().get("xmppAccess"));
    }

    @Test
    void anImportIsJsonOrCsv() {
        assertThrows(IllegalArgumentException.class, () -> new TransferView("{}", "", "data:,", "data:,", "xml", "", List.of(), ""));
    }

    @Test
    void theSipListenerIsOwnMissingOrShared() {
        assertThrows(IllegalArgumentException.class, () -> new SipSettingsView(Map.of(), Map.of(), false, List.of(), Map.of(),
                "elsewhere", "", "", "running", ""));
    }

    /** The names read as {@code var.name()} in a JSP. */
    private static List<String> reads(String jsp, String var) {
        Matcher m = Pattern.compile("(?<![\\w.'])" + var + "\\.(\\w+)\\(\\)").matcher(jsp);
        List<String> names = new ArrayList<>();
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** {@code model.name} without parentheses: a bean-property read that fails on a record. */
    private static List<String> propertyReads(String jsp) throws IOException {
        Matcher m = Pattern.compile("(?<![\\w.'])model\\.(\\w+)(?![\\w(])").matcher(jsp);
        List<String> found = new ArrayList<>();
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }
}
