package org.jivesoftware.util.cache;

import java.io.Externalizable;

/** Stand-in for Openfire 5's ClusterTask (declarations only): run on other cluster nodes after serialisation. */
public interface ClusterTask<V> extends Runnable, Externalizable {
    V getResult();
}
