package org.federationgateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The seams of DESIGN.md: one adapter per outside world, pure policy and translation. */
@AnalyzeClasses(packages = "org.federationgateway", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

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
            .that().resideInAnyPackage("org.federationgateway.policy..", "org.federationgateway.translate..", "org.federationgateway.xmpp..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.jivesoftware..", "javax.sip..", "gov.nist..", "java.sql..", "javax.servlet..",
                    "org.slf4j..", "java.net.http..", "org.xbill..");
}
