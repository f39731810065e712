package org.jivesoftware.util.cache;

import java.io.Externalizable;

/** Stand-in for Openfire 5's ClusterTask (declarations only): a task run on another cluster node. */
public interface ClusterTask<V> extends Runnable, Externalizable {
    V getResult();
}
