package org.federationgateway.admin;

/** The admin's language: looks up a key of the plugin's i18n bundle and formats its arguments. */
@FunctionalInterface
public interface Messages {
    String get(String key, Object... args);
}
