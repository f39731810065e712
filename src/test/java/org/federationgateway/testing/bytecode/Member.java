package org.federationgateway.testing.bytecode;

import java.util.Objects;

/**
 * A class member as the JVM links it: owner (internal name), name and descriptor, return type included.
 * Fields and methods differ by their descriptors ({@code (...)...} for methods).
 */
public record Member(String owner, String name, String descriptor) implements Comparable<Member> {

    public Member {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(descriptor, "descriptor");
    }

    public boolean isMethod() {
        return descriptor.startsWith("(");
    }

    /** The same member with the return type left out: what a lookup by name and parameters finds. */
    public String withoutReturnType() {
        return isMethod() ? owner + "." + name + descriptor.substring(0, descriptor.indexOf(')') + 1) : toString();
    }

    @Override
    public int compareTo(Member other) {
        return toString().compareTo(other.toString());
    }

    @Override
    public String toString() {
        return owner.replace('/', '.') + "." + name + (isMethod() ? descriptor : ":" + descriptor);
    }
}
