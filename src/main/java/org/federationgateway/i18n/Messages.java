package org.federationgateway.i18n;

/**
 * The plugin's i18n bundle in one language: the one port through which every user-visible text is looked up, for
 * the admin pages, the API and the refusal texts sent to remote users and servers alike.
 */
@FunctionalInterface
public interface Messages {
    /** The text of {@code key} with {@code {0}}, {@code {1}}, ... filled in from {@code args}. */
    String get(String key, Object... args);

    /** The xml:lang of the texts when they go out in a stanza or stream error, or null. */
    default String lang() {
        return null;
    }
}
