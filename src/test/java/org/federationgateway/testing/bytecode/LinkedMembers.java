package org.federationgateway.testing.bytecode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Every member of a chosen package that compiled classes link against, read from their bytecode: calls, field
 * accesses, method references (invokedynamic handles) and constants; plus, separately, the classes they name and
 * the methods they declare, so overrides of that package's types can be checked too.
 */
public final class LinkedMembers {
    private final Predicate<String> target;
    /** Linked member -> the first plugin class seen linking it, for messages. */
    private final Map<Member, String> members = new TreeMap<>();
    private final Set<String> types = new TreeSet<>();
    /** Methods the compiled classes declare, by declaring class (internal name); with their supertypes. */
    private final Map<String, Declared> declared = new TreeMap<>();

    public record Declared(String superName, Set<String> interfaces, Set<Member> methods) {
    }

    private LinkedMembers(Predicate<String> target) {
        this.target = target;
    }

    /** Reads every .class file below {@code classes}. */
    public static LinkedMembers of(Path classes, Predicate<String> targetInternalName) {
        LinkedMembers links = new LinkedMembers(targetInternalName);
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    links.read(new ClassReader(in));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return links;
    }

    public Map<Member, String> members() {
        return members;
    }

    public Set<String> types() {
        return types;
    }

    public Map<String, Declared> declared() {
        return declared;
    }

    private void read(ClassReader reader) {
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            private String self;
            private Declared mine;

            @Override
            public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
                self = name;
                mine = new Declared(superName, new TreeSet<>(interfaces == null ? Set.of() : Set.of(interfaces)), new TreeSet<>());
                declared.put(name, mine);
                type(superName);
                for (String i : mine.interfaces()) {
                    type(i);
                }
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                mine.methods().add(new Member(self, name, descriptor));
                descriptorTypes(descriptor);
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String mName, String mDescriptor, boolean isInterface) {
                        member(owner, mName, mDescriptor, self);
                    }

                    @Override
                    public void visitFieldInsn(int opcode, String owner, String fName, String fDescriptor) {
                        member(owner, fName, fDescriptor, self);
                    }

                    @Override
                    public void visitTypeInsn(int opcode, String type) {
                        type(Type.getObjectType(type));
                    }

                    @Override
                    public void visitLdcInsn(Object value) {
                        constant(value, self);
                    }

                    @Override
                    public void visitInvokeDynamicInsn(String iName, String iDescriptor, Handle bootstrap, Object... arguments) {
                        constant(bootstrap, self);
                        for (Object a : arguments) {
                            constant(a, self);
                        }
                    }
                };
            }
        }, ClassReader.SKIP_FRAMES);
    }

    private void constant(Object value, String from) {
        if (value instanceof Handle h) {
            member(h.getOwner(), h.getName(), h.getDesc(), from);
        } else if (value instanceof Type t && t.getSort() == Type.OBJECT) {
            type(t.getInternalName());
        }
    }

    private void member(String owner, String name, String descriptor, String from) {
        String elementOwner = owner.startsWith("[") ? Type.getType(owner).getElementType().getInternalName() : owner;
        if (target.test(elementOwner)) {
            members.putIfAbsent(new Member(elementOwner, name, descriptor), from);
        }
        descriptorTypes(descriptor);
    }

    private void descriptorTypes(String descriptor) {
        Type t = Type.getType(descriptor);
        if (t.getSort() == Type.METHOD) {
            type(t.getReturnType());
            for (Type a : t.getArgumentTypes()) {
                type(a);
            }
        } else {
            type(t);
        }
    }

    private void type(Type t) {
        if (t.getSort() == Type.ARRAY) {
            t = t.getElementType();
        }
        if (t.getSort() == Type.OBJECT) {
            type(t.getInternalName());
        }
    }

    private void type(String internalName) {
        if (internalName != null && target.test(internalName)) {
            types.add(internalName);
        }
    }
}
