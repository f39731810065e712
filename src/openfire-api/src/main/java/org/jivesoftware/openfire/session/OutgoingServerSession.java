package org.jivesoftware.openfire.session;

import java.util.Collection;

/** Stand-in for Openfire 5's OutgoingServerSession (declarations only). */
public interface OutgoingServerSession extends ServerSession {
}
