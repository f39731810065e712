package org.jivesoftware.openfire.session;

/** Stand-in for Openfire 5's ClientSession (declarations only). */
public interface ClientSession extends Session {
}
