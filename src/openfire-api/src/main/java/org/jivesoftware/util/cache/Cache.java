package org.jivesoftware.util.cache;

import java.io.Serializable;

/**
 * Stand-in for Openfire 5's Cache (declarations only). The plugin uses it only as the {@link java.util.Map} it extends,
 * holding JDK types, so no class of the plugin has to be deserialized on another cluster node.
 */
public interface Cache<K extends Serializable, V extends Serializable> extends java.util.Map<K, V> {
}
