package org.jivesoftware.openfire.interceptor;

import java.util.List;

/** Stand-in for Openfire 5's InterceptorManager (declarations only). */
public class InterceptorManager {
    public static InterceptorManager getInstance() { throw new UnsupportedOperationException("Openfire API stand-in"); }

    public void addInterceptor(int index, PacketInterceptor interceptor) { throw new UnsupportedOperationException("Openfire API stand-in"); }

    public boolean removeInterceptor(PacketInterceptor interceptor) { throw new UnsupportedOperationException("Openfire API stand-in"); }
}
