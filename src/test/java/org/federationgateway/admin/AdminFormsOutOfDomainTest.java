package org.federationgateway.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import javax.servlet.http.HttpServletRequest;
import org.federationgateway.i18n.Messages;
import org.federationgateway.policy.GatewaySettings;
import org.federationgateway.policy.GroupMembership;
import org.federationgateway.policy.PolicySnapshot;
import org.federationgateway.store.Database;
import org.federationgateway.store.PolicyService;
import org.federationgateway.store.SchemaScript;
import org.federationgateway.store.Transactions;
import org.federationgateway.testing.PluginRoot;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every field of the gateway settings form and of the two policy forms (save a policy, assign one) given values
 * outside its domain: too long, control characters, the wrong type, injected markup. Each is answered with the form
 * again, an error beside that field with a text from the bundle, and nothing saved. (The partner and SIP forms are
 * fuzz targets, {@link AdminFormFuzzTest}.)
 */
class AdminFormsOutOfDomainTest {
    private static final Messages MESSAGES = new BundleMessages(Locale.ENGLISH, AdminFormsOutOfDomainTest.class.getClassLoader());
    private static final String TOO_LONG = "x".repeat(100_000);
    private static final String MARKUP = "<script>alert(1)</script>";

    static HttpServletRequest post(Map<String, String> parameters) {
        return (HttpServletRequest) Proxy.newProxyInstance(AdminFormsOutOfDomainTest.class.getClassLoader(), new Class<?>[] {HttpServletRequest.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getParameter" -> parameters.get((String) args[0]);
                    case "getMethod" -> "POST";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    static Stream<Arguments> gatewaySettingsValues() {
        List<String> numeric = List.of(GatewaySettingsPage.CONNECTION_LIMIT, GatewaySettingsPage.PARTNER_CONNECTION_LIMIT, GatewaySettingsPage.KEEP_ALIVE,
                GatewaySettingsPage.ESTABLISHMENT, GatewaySettingsPage.INACTIVITY, GatewaySettingsPage.SUBSCRIPTION_REFRESH);
        Stream<Arguments> numbers = numeric.stream().flatMap(field -> Stream.of("twelve", "1.5", "-1", "0", "99999999999999999999", "12\u0000",
                TOO_LONG, MARKUP, "").map(v -> Arguments.of(field, v)));
        Stream<Arguments> mode = Stream.of("enforce;drop", "delete", "\u0007", TOO_LONG, MARKUP, "").map(v -> Arguments.of(GatewaySettingsPage.MODE, v));
        return Stream.concat(numbers, mode);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("gatewaySettingsValues")
    void gatewaySettingsOutsideTheirDomainAreRefusedBesideTheField(String field, String value) {
        AtomicInteger saves = new AtomicInteger();
        GatewaySettingsPage page = new GatewaySettingsPage(new GatewaySettingsPage.Store() {
            @Override
            public GatewaySettings current() {
                return GatewaySettings.defaults();
            }

            @Override
            public void save(GatewaySettings settings) {
                saves.incrementAndGet();
            }
        }, MESSAGES);
        Map<String, String> form = new HashMap<>(GatewaySettingsPage.asFields(GatewaySettings.defaults()));
        form.put(field, value);
        PageResult result = page.handle(post(form));
        PageResult.Render shown = assertInstanceOf(PageResult.Render.class, result, "the form is shown again, not saved");
        Map<String, String> errors = ((GatewaySettingsView) shown.model()).errors();
        assertTrue(errors.containsKey(field), "an error beside " + field + ": " + errors);
        assertFalse(errors.get(field).startsWith("???"), errors.get(field));
        assertEquals(0, saves.get(), "nothing saved");
    }

    private static PolicyService freshPolicies() throws Exception {
        String url = "jdbc:hsqldb:mem:" + UUID.randomUUID();
        try (Connection c = DriverManager.getConnection(url, "SA", ""); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE ofVersion (name VARCHAR(50) NOT NULL, version INTEGER NOT NULL, CONSTRAINT ofVersion_pk PRIMARY KEY (name))");
            SchemaScript.parse(Files.readString(PluginRoot.resolve(Database.HSQLDB.schemaResource()))).run(c);
        }
        return PolicyService.load(new Transactions(() -> DriverManager.getConnection(url, "SA", "")), GatewaySettings.defaults(), false);
    }

    static Stream<Arguments> policyValues() {
        return Stream.of(
                Arguments.of("save-policy", "name", TOO_LONG), Arguments.of("save-policy", "name", "a\u0000b"),
                Arguments.of("save-policy", "name", MARKUP), Arguments.of("save-policy", "name", ""),
                Arguments.of("save-policy", "name", "sales\nstaff"),
                Arguments.of("save-policy", "description", TOO_LONG), Arguments.of("save-policy", "description", "a\u0000b"),
                Arguments.of("save-policy", "description", "bell\u0007"),
                Arguments.of("assign", "kind", "everyone"), Arguments.of("assign", "kind", MARKUP), Arguments.of("assign", "kind", "\u0000"),
                Arguments.of("assign", "subject", TOO_LONG), Arguments.of("assign", "subject", ""),
                Arguments.of("assign", "policy", "no-such-policy"), Arguments.of("assign", "policy", MARKUP),
                Arguments.of("assign", "policy", TOO_LONG));
    }

    @ParameterizedTest(name = "{0}: {1} = {2}")
    @MethodSource("policyValues")
    void policyFormValuesOutsideTheirDomainAreRefusedBesideTheField(String action, String field, String value) throws Exception {
        PolicyService policies = freshPolicies();
        PolicySnapshot before = policies.current();
        long generation = policies.generation();
        Map<String, String> form = new HashMap<>(action.equals("save-policy")
                ? Map.of("action", action, "name", "sales", "description", "the sales team", "xmppAccess", "true")
                : Map.of("action", action, "kind", "user", "subject", "dave", "policy", "global"));
        form.put(field, value);
        PageResult result = new PoliciesPage(policies, GroupMembership.NONE, MESSAGES).handle(post(form));
        PageResult.Render shown = assertInstanceOf(PageResult.Render.class, result, "the form is shown again, not saved");
        PoliciesView view = (PoliciesView) shown.model();
        Map<String, String> errors = action.equals("save-policy") ? view.policyErrors() : view.assignmentErrors();
        assertTrue(errors.containsKey(field), "an error beside " + field + ": " + errors);
        assertFalse(errors.get(field).startsWith("???"), errors.get(field));
        assertEquals(generation, policies.generation(), "nothing saved");
        assertEquals(List.copyOf(before.policies()), List.copyOf(policies.current().policies()));
        assertEquals(List.copyOf(before.assignments()), List.copyOf(policies.current().assignments()));
    }
}
