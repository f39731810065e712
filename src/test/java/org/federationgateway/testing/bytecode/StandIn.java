package org.federationgateway.testing.bytecode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.federationgateway.standin.VersionDependent;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * The compile-only Openfire stand-in as class files: its classes, their public and protected members, which of
 * them are {@link VersionDependent}, and member lookup through the type hierarchy the way the JVM resolves a
 * reference (declaring class, then superclasses, then interfaces; JDK and library supertypes by reflection).
 */
public final class StandIn {
    private static final String VERSION_DEPENDENT = Type.getDescriptor(VersionDependent.class);

    public record StandInClass(String name, int access, String superName, List<String> interfaces, Map<Member, Integer> members,
                               Map<Member, String> versionDependent) {
    }

    private final Map<String, StandInClass> classes = new TreeMap<>();

    private StandIn() {
    }

    /** Reads the stand-in from where its annotation type was loaded (its classes directory or jar). */
    public static StandIn load() {
        StandIn standIn = new StandIn();
        try {
            Path location = Path.of(VersionDependent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(location)) {
                standIn.readAll(location);
            } else {
                try (FileSystem jar = FileSystems.newFileSystem(location)) {
                    standIn.readAll(jar.getPath("/"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return standIn;
    }

    public Map<String, StandInClass> classes() {
        return classes;
    }

    /**
     * Every public or protected method and field that the plugin could link, except constructors (a class without one
     * gets a public one from the compiler) and what enums declare (constants and values/valueOf: an enum is kept whole).
     */
    public Set<Member> publicMembers() {
        Set<Member> all = new TreeSet<>();
        for (StandInClass c : classes.values()) {
            c.members().forEach((m, access) -> {
                boolean visible = (access & (Opcodes.ACC_PUBLIC | Opcodes.ACC_PROTECTED)) != 0;
                boolean generated = (access & Opcodes.ACC_SYNTHETIC) != 0 || m.name().equals("<init>")
                        || (c.access() & Opcodes.ACC_ENUM) != 0;
                if (visible && !generated) {
                    all.add(m);
                }
            });
        }
        return all;
    }

    public Map<Member, String> versionDependent() {
        Map<Member, String> all = new TreeMap<>();
        classes.values().forEach(c -> all.putAll(c.versionDependent()));
        return all;
    }

    /** The member a reference resolves to, as the JVM would find it; empty when nothing declares it. */
    public Optional<Member> resolve(Member reference) {
        return resolve(reference.owner(), reference.name(), reference.descriptor(), new TreeSet<>());
    }

    private Optional<Member> resolve(String owner, String name, String descriptor, Set<String> seen) {
        if (owner == null || !seen.add(owner)) {
            return Optional.empty();
        }
        StandInClass c = classes.get(owner);
        if (c == null) {
            return reflectively(owner, name, descriptor);
        }
        Member here = new Member(owner, name, descriptor);
        if (c.members().containsKey(here)) {
            return Optional.of(here);
        }
        Optional<Member> up = resolve(c.superName(), name, descriptor, seen);
        if (up.isPresent()) {
            return up;
        }
        for (String i : c.interfaces()) {
            Optional<Member> found = resolve(i, name, descriptor, seen);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** A JDK or library supertype (java.lang.Object, tinder's Packet): looked up through reflection. */
    private static Optional<Member> reflectively(String owner, String name, String descriptor) {
        if (owner.startsWith("org/jivesoftware/")) {
            return Optional.empty();
        }
        try {
            Class<?> type = Class.forName(owner.replace('/', '.'), false, StandIn.class.getClassLoader());
            for (Class<?> k = type; k != null; k = k.getSuperclass()) {
                for (Method m : k.getDeclaredMethods()) {
                    if (m.getName().equals(name) && Type.getMethodDescriptor(m).equals(descriptor)) {
                        return Optional.of(new Member(owner, name, descriptor));
                    }
                }
            }
            for (Method m : type.getMethods()) {
                if (m.getName().equals(name) && Type.getMethodDescriptor(m).equals(descriptor)) {
                    return Optional.of(new Member(owner, name, descriptor));
                }
            }
            return Optional.empty();
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
    }

    private void readAll(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    read(new ClassReader(in));
                }
            }
        }
    }

    private void read(ClassReader reader) {
        if (!reader.getClassName().startsWith("org/jivesoftware/")) {
            return; // the stand-in's own annotation type
        }
        Map<Member, Integer> members = new HashMap<>();
        Map<Member, String> dependent = new HashMap<>();
        List<String> interfaces = new ArrayList<>(List.of(reader.getInterfaces()));
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
                members.put(new Member(reader.getClassName(), name, descriptor), access);
                return null;
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                Member m = new Member(reader.getClassName(), name, descriptor);
                members.put(m, access);
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public AnnotationVisitor visitAnnotation(String annotation, boolean visible) {
                        if (!annotation.equals(VERSION_DEPENDENT)) {
                            return null;
                        }
                        return new AnnotationVisitor(Opcodes.ASM9) {
                            @Override
                            public void visit(String key, Object value) {
                                dependent.put(m, String.valueOf(value));
                            }
                        };
                    }
                };
            }
        }, ClassReader.SKIP_CODE);
        classes.put(reader.getClassName(), new StandInClass(reader.getClassName(), reader.getAccess(), reader.getSuperName(),
                interfaces, Map.copyOf(members), Map.copyOf(dependent)));
    }
}
