package org.jivesoftware.openfire.session;

/** Stand-in for Openfire 5's ServerSession (declarations only). */
public interface ServerSession extends Session {
    enum AuthenticationMethod { DIALBACK, SASL_EXTERNAL, OTHER }

    AuthenticationMethod getAuthenticationMethod();
}
