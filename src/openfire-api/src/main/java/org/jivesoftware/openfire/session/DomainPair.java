package org.jivesoftware.openfire.session;

import java.io.Serializable;

/** Stand-in for Openfire 5's DomainPair (declarations only). */
public class DomainPair implements Serializable {
    private static final long serialVersionUID = 1L;

    public DomainPair(String local, String remote) { throw new UnsupportedOperationException("Openfire API stand-in"); }

    public String getLocal() { throw new UnsupportedOperationException("Openfire API stand-in"); }

    public String getRemote() { throw new UnsupportedOperationException("Openfire API stand-in"); }
}
