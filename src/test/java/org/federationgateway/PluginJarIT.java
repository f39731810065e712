package org.federationgateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.federationgateway.testing.PluginRoot;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * Opens the built target/federationgateway.jar and checks it is what Openfire's plugin loader expects,
 * holding the plugin's classes and only the libraries Openfire lacks.
 */
class PluginJarIT {
    /** Packages Openfire already ships (parent-first classloading would shadow a bundled copy anyway). */
    private static final List<String> FORBIDDEN_PACKAGES = List.of(
            "org/jivesoftware/", "org/igniterealtime/", "org/xmpp/", "org/dom4j/", "org/slf4j/", "org/apache/log4j/",
            "org/apache/logging/", "org/bouncycastle/", "org/eclipse/jetty/", "javax/servlet/", "jakarta/servlet/",
            "org/apache/jasper/", "org/apache/taglibs/", "gnu/inet/");
    private static final Pattern FORBIDDEN_JAR = Pattern.compile(
            "(?i)(bcprov|bcpkix|bcutil|tinder|dom4j|slf4j|log4j|reload4j|jetty|servlet|jsp|taglibs|jstl|libidn|xmppserver|openfire).*\\.jar");

    private static Path jar;
    private static Map<String, byte[]> entries;

    @BeforeAll
    static void open() throws IOException {
        jar = Path.of(System.getProperty("plugin.jar", PluginRoot.resolve("target/federationgateway.jar").toString()));
        assertTrue(Files.isRegularFile(jar), "run `mvn package` first: " + jar);
        entries = new TreeMap<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry e : file.stream().toList()) {
                if (!e.isDirectory()) {
                    try (InputStream in = file.getInputStream(e)) {
                        entries.put(e.getName(), in.readAllBytes());
                    }
                }
            }
        }
    }

    @Test
    void pluginXmlIsAtTheRootWithTheBuildsVersionAndDate() throws Exception {
        Document doc = xml(entries.get("plugin.xml"));
        assertEquals("org.federationgateway.openfire.FederationGatewayPlugin", text(doc, "class"));
        assertEquals("Federation Gateway", text(doc, "name"));
        String version = text(doc, "version");
        assertFalse(version.contains("${"), "version not filled in: " + version);
        assertEquals(BuildInfo.version(), version);
        assertTrue(text(doc, "date").matches("\\d{4}-\\d{2}-\\d{2}"), "date: " + text(doc, "date"));
        assertEquals("5.0.0", text(doc, "minServerVersion"));
        assertEquals("17", text(doc, "minJavaVersion"));
        // Off so the REST API can be called; every page checks its own form token (CsrfGuard, tested by the browser tests).
        assertEquals("false", text(doc, "csrfProtectionEnabled"));
        assertTrue(doc.getElementsByTagName("adminconsole").getLength() == 1, "adminconsole entries");
        assertTrue(doc.getElementsByTagName("item").getLength() >= 1, "at least one sidebar item");
    }

    @Test
    void docsAndBundlesAreIncluded() {
        for (String name : List.of("readme.html", "changelog.html",
                "i18n/federationgateway_i18n.properties", "i18n/federationgateway_i18n_ru.properties")) {
            assertNotNull(entries.get(name), name);
        }
        assertTrue(entries.keySet().stream().anyMatch(n -> n.startsWith("database/")), "database/ scripts");
    }

    @Test
    void everyPageIsPrecompiledAndMappedAndNoJspIsShipped() throws IOException {
        assertTrue(entries.keySet().stream().noneMatch(n -> n.endsWith(".jsp")), "raw .jsp files: Openfire would 404 them");
        String webXml = new String(entries.get("web/WEB-INF/web.xml"), StandardCharsets.UTF_8);
        Map<String, byte[]> pluginClasses = nested(pluginClassesJar());
        try (Stream<Path> pages = Files.walk(PluginRoot.resolve("web"))) {
            for (Path page : pages.filter(p -> p.toString().endsWith(".jsp")).toList()) {
                String url = "/" + PluginRoot.resolve("web").relativize(page).toString().replace('\\', '/');
                assertTrue(webXml.contains("<url-pattern>" + url + "</url-pattern>"), "no servlet mapping for " + url);
                String className = page.getFileName().toString().replace(".jsp", "_jsp").replace("-", "_002d");
                assertTrue(pluginClasses.keySet().stream().anyMatch(n -> n.endsWith("/" + className + ".class")),
                        "no compiled class for " + url);
            }
        }
    }

    @Test
    void libHoldsThePluginClassesAndOnlyLibrariesOpenfireLacks() throws IOException {
        List<String> libs = entries.keySet().stream().filter(n -> n.startsWith("lib/")).toList();
        assertTrue(libs.stream().anyMatch(n -> n.matches("lib/jain-sip-ri-.*\\.jar")), "JAIN-SIP bundled: " + libs);
        assertTrue(libs.stream().anyMatch(n -> n.matches("lib/dnsjava-.*\\.jar")), "dnsjava bundled: " + libs);
        for (String lib : libs) {
            assertFalse(FORBIDDEN_JAR.matcher(lib.substring(4)).matches(), "bundles a library Openfire ships: " + lib);
        }
        assertTrue(nested(pluginClassesJar()).containsKey("org/federationgateway/openfire/FederationGatewayPlugin.class"));
    }

    @Test
    void noOpenfireClassAndNoShippedLibraryClassAnywhere() throws IOException {
        List<String> offending = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            check(e.getKey(), offending, "");
            if (e.getKey().endsWith(".jar")) {
                for (String inner : nested(e.getValue()).keySet()) {
                    check(inner, offending, e.getKey() + "!");
                }
            }
        }
        assertEquals(List.of(), offending);
    }

    private static void check(String name, List<String> offending, String prefix) {
        if (name.endsWith(".class") && FORBIDDEN_PACKAGES.stream().anyMatch(name::startsWith)) {
            offending.add(prefix + name);
        }
    }

    private static byte[] pluginClassesJar() {
        return entries.entrySet().stream()
                .filter(e -> e.getKey().matches("lib/federationgateway-.*\\.jar"))
                .map(Map.Entry::getValue).findFirst()
                .orElseThrow(() -> new AssertionError("no lib/federationgateway-*.jar in " + entries.keySet()));
    }

    private static Map<String, byte[]> nested(byte[] jarBytes) throws IOException {
        Map<String, byte[]> inner = new TreeMap<>();
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jarBytes))) {
            for (JarEntry e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
                if (!e.isDirectory()) {
                    inner.put(e.getName(), in.readAllBytes());
                }
            }
        }
        return inner;
    }

    private static Document xml(byte[] bytes) throws Exception {
        assertNotNull(bytes, "plugin.xml at the root of the jar");
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(bytes));
    }

    private static String text(Document doc, String tag) {
        return doc.getDocumentElement().getElementsByTagName(tag).item(0).getTextContent().trim();
    }
}
