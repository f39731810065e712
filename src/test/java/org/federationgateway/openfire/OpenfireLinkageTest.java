package org.federationgateway.openfire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.federationgateway.testing.PluginRoot;
import org.federationgateway.testing.bytecode.LinkedMembers;
import org.federationgateway.testing.bytecode.Member;
import org.federationgateway.testing.bytecode.StandIn;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.Type;

/**
 * The plugin's bytecode (its classes and precompiled pages, as they go into the jar) against the Openfire stand-in:
 * every Openfire member it links is declared there with the same descriptor, none of them is one whose descriptor
 * differs between supported Openfire versions, and the stand-in declares nothing the plugin does not use. The list
 * of linked members is written to target/openfire-links.txt, which the real-Openfire stand-in check reads.
 */
class OpenfireLinkageTest {
    private static final Path CLASSES = PluginRoot.resolve("target/classes");
    private static LinkedMembers plugin;
    private static StandIn standIn;

    @BeforeAll
    static void read() throws IOException {
        assertTrue(Files.isDirectory(CLASSES.resolve("org/federationgateway/openfire")), "compiled plugin classes in " + CLASSES);
        plugin = LinkedMembers.of(CLASSES, n -> n.startsWith("org/jivesoftware/"));
        standIn = StandIn.load();
        List<String> lines = new ArrayList<>();
        plugin.members().keySet().forEach(m -> lines.add(m.toString()));
        overrides().forEach(m -> lines.add(m + " (implemented)"));
        Files.write(PluginRoot.resolve("target/openfire-links.txt"), lines);
    }

    @Test
    void everyLinkedOpenfireMemberIsInTheStandInWithTheSameDescriptor() {
        Map<Member, String> unresolved = new TreeMap<>();
        plugin.members().forEach((m, from) -> {
            if (standIn.resolve(m).isEmpty()) {
                unresolved.put(m, from);
            }
        });
        assertTrue(plugin.members().size() > 50, "linked members found: " + plugin.members().size());
        assertEquals(Map.of(), unresolved, "linked by the plugin (member -> class linking it) but not declared by the stand-in");
    }

    @Test
    void everyNamedOpenfireTypeIsInTheStandIn() {
        Set<String> missing = plugin.types().stream().filter(t -> !standIn.classes().containsKey(t)).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of(), missing, "Openfire types the plugin names that the stand-in lacks");
    }

    @Test
    void noMemberWhoseDescriptorDiffersBetweenVersionsIsLinkedDirectly() {
        Map<Member, String> direct = new TreeMap<>();
        plugin.members().forEach((m, from) -> standIn.resolve(m)
                .filter(standIn.versionDependent()::containsKey)
                .ifPresent(d -> direct.put(d, from)));
        assertEquals(Map.of(), direct, "call these through VersionBridge: their descriptor differs between Openfire versions");
    }

    @Test
    void everyVersionDependentMemberIsBridgedByName() {
        Set<String> annotated = standIn.versionDependent().keySet().stream().map(OpenfireLinkageTest::javaName).collect(Collectors.toCollection(TreeSet::new));
        Set<String> bridged = VersionBridge.calls().stream().map(VoidCall::member).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(annotated, bridged, "@VersionDependent members of the stand-in and the members VersionBridge resolves");
    }

    @Test
    void theStandInDeclaresOnlyWhatThePluginUses() {
        Set<Member> used = new TreeSet<>();
        plugin.members().keySet().forEach(m -> standIn.resolve(m).ifPresent(used::add));
        used.addAll(overrides());
        used.addAll(standIn.versionDependent().keySet());
        Set<Member> unused = new TreeSet<>(standIn.publicMembers());
        unused.removeAll(used);
        assertEquals(Set.of(), unused, "stand-in members the plugin never links: remove them, the stand-in describes what the plugin uses");
    }

    /** Methods the plugin implements or overrides for Openfire (Plugin, PacketInterceptor, ...): Openfire calls them by descriptor. */
    private static Set<Member> overrides() {
        Set<Member> found = new TreeSet<>();
        plugin.declared().forEach((name, declared) -> {
            for (Member method : declared.methods()) {
                if (method.name().startsWith("<")) {
                    continue;
                }
                for (String openfireType : openfireSupertypes(name, new TreeSet<>())) {
                    Optional<Member> m = standIn.resolve(new Member(openfireType, method.name(), method.descriptor()));
                    m.filter(r -> r.owner().startsWith("org/jivesoftware/")).ifPresent(found::add);
                }
            }
        });
        return found;
    }

    private static Set<String> openfireSupertypes(String type, Set<String> into) {
        if (type == null) {
            return into;
        }
        if (type.startsWith("org/jivesoftware/")) {
            into.add(type);
            return into;
        }
        LinkedMembers.Declared d = plugin.declared().get(type);
        if (d != null) {
            openfireSupertypes(d.superName(), into);
            d.interfaces().forEach(i -> openfireSupertypes(i, into));
        }
        return into;
    }

    private static String javaName(Member m) {
        String params = java.util.Arrays.stream(Type.getArgumentTypes(m.descriptor())).map(Type::getClassName).collect(Collectors.joining(","));
        return m.owner().replace('/', '.') + "#" + m.name() + "(" + params + ")";
    }
}
