package org.jivesoftware.util;

import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Consumer;

import org.federationgateway.standin.VersionDependent;

/** Stand-in for Openfire 5's typed system property (declarations only). */
public final class SystemProperty<T> {
    private SystemProperty() { throw new UnsupportedOperationException("Openfire API stand-in"); }

    public static void removePropertiesForPlugin(String plugin) { throw new UnsupportedOperationException("Openfire API stand-in"); }

    public T getValue() { throw new UnsupportedOperationException("Openfire API stand-in"); }

    public T getDefaultValue() { throw new UnsupportedOperationException("Openfire API stand-in"); }

    @VersionDependent("returns void in 5.0 and 5.1; returns the previous value (T) from 5.2 on (OF-3313)")
    public void setValue(T value) { throw new UnsupportedOperationException("Openfire API stand-in"); }

    public String getKey() { throw new UnsupportedOperationException("Openfire API stand-in"); }

    public static final class Builder<T> {
        private Builder() { throw new UnsupportedOperationException("Openfire API stand-in"); }

        public static <T> Builder<T> ofType(Class<T> clazz) { throw new UnsupportedOperationException("Openfire API stand-in"); }

        public Builder<T> setKey(String key) { throw new UnsupportedOperationException("Openfire API stand-in"); }

        public Builder<T> setDefaultValue(T defaultValue) { throw new UnsupportedOperationException("Openfire API stand-in"); }

        public Builder<T> setMinValue(T minValue) { throw new UnsupportedOperationException("Openfire API stand-in"); }

        public Builder<T> setChronoUnit(ChronoUnit chronoUnit) { throw new UnsupportedOperationException("Openfire API stand-in"); }

        public Builder<T> addListener(Consumer<T> listener) { throw new UnsupportedOperationException("Openfire API stand-in"); }

        public Builder<T> setDynamic(boolean dynamic) { throw new UnsupportedOperationException("Openfire API stand-in"); }

        public Builder<T> setEncrypted(boolean encrypted) { throw new UnsupportedOperationException("Openfire API stand-in"); }

        public Builder<T> setPlugin(String plugin) { throw new UnsupportedOperationException("Openfire API stand-in"); }

        public SystemProperty<T> build() { throw new UnsupportedOperationException("Openfire API stand-in"); }
    }
}
