package org.jivesoftware.openfire.session;

import java.util.Collection;

/** Stand-in for Openfire 5's IncomingServerSession (declarations only). */
public interface IncomingServerSession extends ServerSession {
}
