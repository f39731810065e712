package org.jivesoftware.openfire.component;

import org.xmpp.component.Component;
import org.xmpp.component.ComponentException;

/** Stand-in for Openfire 5's InternalComponentManager (declarations only). */
public class InternalComponentManager {
    protected InternalComponentManager() { throw new UnsupportedOperationException("Openfire API stand-in"); }

    public static InternalComponentManager getInstance() { throw new UnsupportedOperationException("Openfire API stand-in"); }

    public void addComponent(String subdomain, Component component) throws ComponentException { throw new UnsupportedOperationException("Openfire API stand-in"); }

    public void removeComponent(String subdomain, Component component) { throw new UnsupportedOperationException("Openfire API stand-in"); }
}
