package org.federationgateway.standin;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a stand-in member whose descriptor differs between the Openfire versions the plugin supports. The JVM
 * links a call by its whole descriptor, return type included, so the plugin must never call such a member
 * directly: the Openfire adapter's {@code VersionBridge} looks it up by name and parameter types at start-up.
 * The build's linkage check refuses a direct call; the real-Openfire stand-in check compares such a member by
 * name and parameters only.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.CONSTRUCTOR})
public @interface VersionDependent {
    /** How the member differs, per Openfire version. */
    String value();
}
