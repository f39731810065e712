package org.federationgateway.openfire;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A public instance method called for its effect, linked by owner, name and parameter types only, so the same
 * plugin jar works whatever the method returns on the running Openfire. The result, if any, is dropped.
 *
 * @param member {@code owner#name(parameter types)}, for messages and the linkage checks
 */
record VoidCall(String member, MethodHandle handle) {

    VoidCall {
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(handle, "handle");
    }

    /** Looks the method up now; a missing one is reported by its full name, never later at the first call. */
    static VoidCall resolve(Class<?> owner, String name, Class<?>... parameters) {
        String member = describe(owner, name, parameters);
        Method method;
        try {
            method = owner.getMethod(name, parameters);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("this Openfire has no public method " + member, e);
        }
        if (Modifier.isStatic(method.getModifiers())) {
            throw new IllegalStateException("this Openfire's " + member + " is static, an instance method was expected");
        }
        try {
            MethodHandle handle = MethodHandles.publicLookup().unreflect(method);
            Class<?>[] withTarget = new Class<?>[parameters.length + 1];
            withTarget[0] = owner;
            System.arraycopy(parameters, 0, withTarget, 1, parameters.length);
            // asType to a void result drops whatever this version returns.
            return new VoidCall(member, handle.asType(MethodType.methodType(void.class, withTarget)));
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("this Openfire's " + member + " cannot be called", e);
        }
    }

    /** Calls the method; what it throws reaches the caller unchanged (checked exceptions wrapped). */
    void call(Object target, Object... arguments) {
        Object[] all = new Object[arguments.length + 1];
        all[0] = Objects.requireNonNull(target, "target");
        System.arraycopy(arguments, 0, all, 1, arguments.length);
        try {
            handle.invokeWithArguments(all);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(member + " failed", e);
        }
    }

    static String describe(Class<?> owner, String name, Class<?>... parameters) {
        return owner.getName() + "#" + name + Arrays.stream(parameters).map(Class::getName).collect(Collectors.joining(",", "(", ")"));
    }
}
