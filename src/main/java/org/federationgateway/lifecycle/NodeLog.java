package org.federationgateway.lifecycle;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;

/**
 * The plugin's loggers. On a cluster every node writes its own openfire.log, and lines gathered from several nodes
 * must say which node wrote them: while this node is in a cluster, each line of the plugin starts with the node's
 * name in brackets ({@code [node1.example.com] Federation Gateway: ...}); otherwise lines are exactly as before.
 * Openfire's log layout has no field for it, hence a prefix.
 */
public final class NodeLog {
    /** The node's name while clustered, else null. One per plugin class loader: a reload starts without it. */
    private static volatile String node;

    private NodeLog() {
    }

    public static Logger getLogger(Class<?> owner) {
        return new Prefixed(LoggerFactory.getLogger(owner));
    }

    /** A logger by name (e.g. the SIP stack's own categories). */
    public static Logger getLogger(String name) {
        return new Prefixed(LoggerFactory.getLogger(name));
    }

    /** Names this node in every line from now on (when it joins a cluster), or stops naming it ({@code null}). */
    public static void nameNode(String name) {
        node = name == null || name.isBlank() ? null : name;
    }

    static String prefix() {
        String n = node;
        return n == null ? "" : "[" + n + "] ";
    }

    /** Hands each call to Openfire's logger of the same name, with the node's name in front while clustered. */
    private static final class Prefixed extends LegacyAbstractLogger {
        private static final long serialVersionUID = 1L;
        private final transient Logger delegate;

        Prefixed(Logger delegate) {
            this.delegate = delegate;
            this.name = delegate.getName();
        }

        @Override
        public boolean isTraceEnabled() {
            return delegate.isTraceEnabled();
        }

        @Override
        public boolean isDebugEnabled() {
            return delegate.isDebugEnabled();
        }

        @Override
        public boolean isInfoEnabled() {
            return delegate.isInfoEnabled();
        }

        @Override
        public boolean isWarnEnabled() {
            return delegate.isWarnEnabled();
        }

        @Override
        public boolean isErrorEnabled() {
            return delegate.isErrorEnabled();
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String message, Object[] arguments, Throwable throwable) {
            String pattern = prefix() + message;
            Object[] args = arguments == null ? new Object[0] : arguments;
            if (throwable != null) {
                args = java.util.Arrays.copyOf(args, args.length + 1);
                args[args.length - 1] = throwable; // SLF4J treats a last Throwable argument as the line's exception
            }
            switch (level) {
                case TRACE -> delegate.trace(pattern, args);
                case DEBUG -> delegate.debug(pattern, args);
                case INFO -> delegate.info(pattern, args);
                case WARN -> delegate.warn(pattern, args);
                case ERROR -> delegate.error(pattern, args);
                default -> delegate.info(pattern, args);
            }
        }
    }
}
