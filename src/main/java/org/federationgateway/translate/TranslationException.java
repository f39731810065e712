package org.federationgateway.translate;

/** Input that cannot be translated, with a message naming what and why (used in error texts and logs). */
public class TranslationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TranslationException(String message) {
        super(message);
    }
}
