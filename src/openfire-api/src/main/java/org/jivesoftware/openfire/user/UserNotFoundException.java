package org.jivesoftware.openfire.user;

/** Stand-in for Openfire 5's UserNotFoundException (declarations only). */
public class UserNotFoundException extends Exception {
    private static final long serialVersionUID = 1L;

    public UserNotFoundException() { throw new UnsupportedOperationException("Openfire API stand-in"); }
}
