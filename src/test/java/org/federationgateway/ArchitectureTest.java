package org.federationgateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.Map;
import java.util.Set;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/** The seams README's Layout names: one adapter per outside world, pure policy and translation, layers without cycles. */
@AnalyzeClasses(packages = "org.federationgateway", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    private static final String ROOT = "org.federationgateway";

    /**
     * Which of the project's packages each package may use (besides itself). A new package, or a new import across
     * a boundary, fails here until it is placed on purpose. "" is the root package (BuildInfo).
     */
    static final Map<String, Set<String>> MAY_USE = Map.ofEntries(
            Map.entry("", Set.of()),
            // annotations of the compile-only Openfire stand-in (src/openfire-api), never packaged
            Map.entry("standin", Set.of()),
            Map.entry("policy", Set.of()),
            // the one i18n port (the bundle in one language)
            Map.entry("i18n", Set.of()),
            Map.entry("translate", Set.of()),
            Map.entry("xmpp", Set.of()),
            Map.entry("audit", Set.of("lifecycle")),
            Map.entry("dns", Set.of()),
            Map.entry("lifecycle", Set.of()),
            Map.entry("json", Set.of("policy")),
            Map.entry("component", Set.of("lifecycle")),
            Map.entry("status", Set.of("audit", "policy")),
            // what the nodes of an Openfire cluster tell each other, and the limits over all their sessions (pure)
            Map.entry("cluster", Set.of("audit", "json", "lifecycle", "policy", "status")),
            Map.entry("enforce", Set.of("i18n", "audit", "cluster", "policy", "xmpp")),
            Map.entry("gateway", Set.of("i18n", "audit", "enforce", "policy", "translate", "xmpp", "lifecycle")),
            Map.entry("sip", Set.of("dns", "gateway", "translate", "lifecycle")),
            Map.entry("bridge", Set.of("i18n", "audit", "enforce", "gateway", "policy", "sip", "translate", "lifecycle")),
            Map.entry("store", Set.of("gateway", "policy")),
            Map.entry("transfer", Set.of("json", "policy", "store")),
            Map.entry("readiness", Set.of("dns", "lifecycle", "policy", "status")),
            // Test-CsXmppIM: the test message's steps (pure) and the flow over the host's two sides
            Map.entry("testmessage", Set.of("i18n", "policy", "translate")),
            Map.entry("admin", Set.of("i18n", "audit", "cluster", "gateway", "lifecycle", "policy", "readiness", "status", "store", "testmessage", "transfer")),
            Map.entry("api", Set.of("i18n", "admin", "json", "policy", "store", "testmessage", "transfer")),
            Map.entry("standalone", Set.of("i18n", "audit", "bridge", "component", "enforce", "gateway", "policy", "sip", "store", "lifecycle")),
            // the Openfire adapter wires everything together; only the admin console's compiled pages use it
            Map.entry("openfire", Set.of("i18n", "", "admin", "api", "audit", "bridge", "cluster", "enforce", "gateway", "lifecycle", "policy", "readiness",
                    "sip", "status", "store", "testmessage", "translate", "xmpp", "json", "transfer")),
            Map.entry("web", Set.of("openfire", "admin")));

    /** The top-level package below the root a class lives in ("" for the root itself), or null outside the project. */
    static String layerOf(JavaClass c) {
        String p = c.getPackageName();
        if (p.equals(ROOT)) {
            return "";
        }
        if (!p.startsWith(ROOT + ".")) {
            return null;
        }
        String rest = p.substring(ROOT.length() + 1);
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    @ArchTest
    static final ArchRule packagesUseOnlyTheLayersTheyMay = classes().should(new ArchCondition<>("use only the packages MAY_USE allows") {
        @Override
        public void check(JavaClass c, ConditionEvents events) {
            String layer = layerOf(c);
            Set<String> allowed = MAY_USE.get(layer);
            if (allowed == null) {
                events.add(SimpleConditionEvent.violated(c, c.getName() + " is in package '" + layer + "', which MAY_USE does not place"));
                return;
            }
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                String target = layerOf(d.getTargetClass());
                if (target != null && !target.equals(layer) && !allowed.contains(target)) {
                    events.add(SimpleConditionEvent.violated(d, "'" + layer + "' may not use '" + target + "': " + d.getDescription()));
                }
            }
        }
    });

    @ArchTest
    static final ArchRule noCyclesBetweenPackages = slices().matching("org.federationgateway.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule onlyTheOpenfireAdapterImportsOpenfire = noClasses()
            .that().resideOutsideOfPackages("org.federationgateway.openfire..", "org.federationgateway.web.jsp..")
            .should().dependOnClassesThat().resideInAnyPackage("org.jivesoftware..");

    @ArchTest
    static final ArchRule onlyTheSipAdapterImportsJainSip = noClasses()
            .that().resideOutsideOfPackage("org.federationgateway.sip..")
            .should().dependOnClassesThat().resideInAnyPackage("javax.sip..", "gov.nist..");

    @ArchTest
    static final ArchRule policyAndTranslateArePure = noClasses()
            .that().resideInAnyPackage("org.federationgateway.policy..", "org.federationgateway.translate..", "org.federationgateway.xmpp..",
                    "org.federationgateway.cluster..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.jivesoftware..", "javax.sip..", "gov.nist..", "java.sql..", "javax.servlet..",
                    "org.slf4j..", "java.net.http..", "org.xbill..");
}
