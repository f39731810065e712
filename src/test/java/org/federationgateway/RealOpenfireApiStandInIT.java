package org.federationgateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.federationgateway.testing.PluginRoot;
import org.federationgateway.testing.openfire.EachOpenfire;
import org.federationgateway.testing.openfire.OpenfireInstallation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;

/**
 * Opt-in (OPENFIRE_HOME or OPENFIRE_HOMES, once per installation): every class and public member of the compile-only
 * stand-in exists in the real Openfire with the same name, parameter types and return type, so the plugin links
 * against it. A member marked {@code @VersionDependent} differs between supported versions; it only has to exist by
 * name and parameter types, and the plugin's VersionBridge must link it on this Openfire.
 */
@EachOpenfire
class RealOpenfireApiStandInIT {
    @Parameter
    OpenfireInstallation openfireInstallation;

    @Test
    void everyStandInMemberExistsInTheInstalledOpenfire() throws Exception {
        Path installation = openfireInstallation.require();
        Path standInClasses = PluginRoot.resolve("src/openfire-api/target/classes");
        List<String> classNames;
        try (Stream<Path> files = Files.walk(standInClasses)) {
            classNames = files.filter(p -> p.toString().endsWith(".class"))
                    .map(p -> standInClasses.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", ""))
                    .filter(n -> n.startsWith("org.jivesoftware.")) // not the stand-in's own annotation
                    .sorted().toList();
        }
        assertTrue(classNames.size() > 10, "stand-in classes found: " + classNames);
        List<String> missing = new ArrayList<>();
        try (URLClassLoader openfire = loader(installation.resolve("lib"), null);
             URLClassLoader standIn = loader(installation.resolve("lib"), standInClasses)) {
            for (String name : classNames) {
                Class<?> real;
                try {
                    real = Class.forName(name, false, openfire);
                } catch (ClassNotFoundException e) {
                    missing.add("class " + name);
                    continue;
                }
                Class<?> declared = Class.forName(name, false, standIn);
                for (Method m : declared.getDeclaredMethods()) {
                    if (!Modifier.isPublic(m.getModifiers()) || m.isSynthetic()) {
                        continue;
                    }
                    boolean found = versionDependent(m) ? matchesIgnoringReturnType(real, m) : matches(real, m, openfire);
                    if (!found) {
                        missing.add(name + "#" + signature(m) + " : " + m.getReturnType().getName());
                    }
                }
                for (Constructor<?> c : declared.getDeclaredConstructors()) {
                    if (Modifier.isPublic(c.getModifiers()) && !hasConstructor(real, c, openfire)) {
                        missing.add(name + "#<init>" + signature(c));
                    }
                }
            }
        }
        assertEquals(List.of(), missing, "stand-in members that the installed Openfire does not have");
    }

    /** Loads the plugin's own VersionBridge against this Openfire's classes: its class initialiser links every member. */
    @Test
    void theVersionBridgeLinksEveryVersionDependentMemberOnTheInstalledOpenfire() throws Exception {
        Path installation = openfireInstallation.require();
        try (URLClassLoader withPlugin = loader(installation.resolve("lib"), PluginRoot.resolve("target/classes"))) {
            Class<?> bridge = Class.forName("org.federationgateway.openfire.VersionBridge", true, withPlugin);
            Method calls = bridge.getDeclaredMethod("calls");
            calls.setAccessible(true);
            List<?> linked = (List<?>) calls.invoke(null);
            assertTrue(!linked.isEmpty(), "members linked by VersionBridge on " + openfireInstallation + ": " + linked);
        }
    }

    private static boolean versionDependent(Method m) {
        return Arrays.stream(m.getAnnotations()).anyMatch(a -> a.annotationType().getName().equals("org.federationgateway.standin.VersionDependent"));
    }

    private static boolean matchesIgnoringReturnType(Class<?> real, Method m) {
        try {
            Method r = real.getMethod(m.getName(), sameTypes(m.getParameterTypes(), real.getClassLoader()));
            return Modifier.isStatic(r.getModifiers()) == Modifier.isStatic(m.getModifiers());
        } catch (NoSuchMethodException | ClassNotFoundException e) {
            return false;
        }
    }

    private static Class<?>[] sameTypes(Class<?>[] types, ClassLoader loader) throws ClassNotFoundException {
        Class<?>[] out = new Class<?>[types.length];
        for (int i = 0; i < types.length; i++) {
            out[i] = types[i].isPrimitive() ? types[i] : Class.forName(types[i].getName(), false, loader);
        }
        return out;
    }

    private static URLClassLoader loader(Path lib, Path firstEntry) throws IOException {
        List<URL> urls = new ArrayList<>();
        if (firstEntry != null) {
            urls.add(firstEntry.toUri().toURL());
        }
        try (Stream<Path> jars = Files.list(lib)) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
                urls.add(jar.toUri().toURL());
            }
        }
        // The stand-in's directory comes first, so its classes shadow Openfire's of the same name.
        return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }

    private static boolean matches(Class<?> real, Method m, ClassLoader openfire) {
        for (Class<?> c = real; c != null; c = c.getSuperclass()) {
            if (declares(c, m)) {
                return true;
            }
        }
        return Arrays.stream(allInterfaces(real)).anyMatch(i -> declares(i, m));
    }

    private static boolean declares(Class<?> c, Method m) {
        return Arrays.stream(c.getDeclaredMethods()).anyMatch(r -> r.getName().equals(m.getName())
                && names(r.getParameterTypes()).equals(names(m.getParameterTypes()))
                && r.getReturnType().getName().equals(m.getReturnType().getName())
                && Modifier.isStatic(r.getModifiers()) == Modifier.isStatic(m.getModifiers()));
    }

    private static Class<?>[] allInterfaces(Class<?> c) {
        List<Class<?>> all = new ArrayList<>();
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            collect(k, all);
        }
        return all.toArray(Class<?>[]::new);
    }

    private static void collect(Class<?> c, List<Class<?>> into) {
        for (Class<?> i : c.getInterfaces()) {
            into.add(i);
            collect(i, into);
        }
    }

    private static boolean hasConstructor(Class<?> real, Constructor<?> c, ClassLoader openfire) {
        return Arrays.stream(real.getDeclaredConstructors()).anyMatch(r -> names(r.getParameterTypes()).equals(names(c.getParameterTypes()))
                && Modifier.isPublic(r.getModifiers()));
    }

    private static String names(Class<?>[] types) {
        return Arrays.stream(types).map(Class::getName).collect(Collectors.joining(","));
    }

    private static String signature(Executable e) {
        return (e instanceof Method m ? m.getName() : "") + "(" + names(e.getParameterTypes()) + ")";
    }
}
