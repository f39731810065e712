package org.federationgateway.sip;

import java.util.Properties;

import gov.nist.core.StackLogger;
import org.slf4j.Logger;
import org.federationgateway.lifecycle.NodeLog;

/**
 * JAIN-SIP's stack log into SLF4J (openfire.log): the RI's default logger needs log4j 1.2, which Openfire
 * does not ship. Named by class in the stack properties, so it needs a public no-argument constructor.
 */
public final class Slf4jStackLogger implements StackLogger {
    private static final Logger LOG = NodeLog.getLogger("org.federationgateway.sip.stack");

    @Override
    public void logStackTrace() {
    }

    @Override
    public void logStackTrace(int traceLevel) {
    }

    @Override
    public int getLineCount() {
        return 0;
    }

    @Override
    public void logException(Throwable ex) {
        LOG.warn("SIP stack: {}", ex.toString(), ex);
    }

    @Override
    public void logDebug(String message) {
        LOG.debug(message);
    }

    @Override
    public void logDebug(String message, Exception ex) {
        LOG.debug(message, ex);
    }

    @Override
    public void logTrace(String message) {
        LOG.trace(message);
    }

    @Override
    public void logFatalError(String message) {
        LOG.error("SIP stack: {}", message);
    }

    @Override
    public void logError(String message) {
        if (isReportedTransportFailure(message, null)) {
            LOG.debug("SIP stack: {}", message);
        } else {
            LOG.error("SIP stack: {}", message);
        }
    }

    @Override
    public void logError(String message, Exception ex) {
        if (isReportedTransportFailure(message, ex)) {
            LOG.debug("SIP stack: {}", message, ex);
        } else {
            LOG.error("SIP stack: {}", message, ex);
        }
    }

    @Override
    public void logWarning(String message) {
        if (isTlsDefaultsNotice(message) || isReportedTransportFailure(message, null)) {
            LOG.debug(message); // printed by every stack without TLS; not worth a warning in openfire.log
        } else {
            LOG.warn("SIP stack: {}", message);
        }
    }

    /**
     * The RI's own account of a connection it could not open or write to: five lines, a dump of the request and a
     * stack trace for every request while the front end is down. The bridge reports each such failure itself, in one
     * line and to the right person (the sender gets an error, {@code SipClient} logs the request it could not send,
     * the OPTIONS heartbeat logs the front end going down and up), so openfire.log gets the RI's lines at debug.
     * RFC 5626 keep-alive answers a closed connection could not take are there too: they carried no request.
     */
    static boolean isReportedTransportFailure(String message, Throwable ex) {
        if (message == null) {
            return false;
        }
        if (ex != null && !(ex instanceof java.io.IOException)) {
            return false;
        }
        return message.startsWith("Problem connecting ") || message.startsWith("Problem sending")
                || message.startsWith("Could not connect to ") || message.startsWith("Failed to connect ")
                || message.equals("{}") || (ex != null && message.startsWith("Error is"))
                // The RFC 5626 keep-alive answer to a peer that has just closed its connection: nothing was lost.
                || message.startsWith("A problem occured while trying to send a single CLRF");
    }

    static boolean isTlsDefaultsNotice(String message) {
        return message != null && (message.startsWith("using default tls security policy") || message.startsWith("Using default keystore")
                || message.startsWith("Using default truststore") || message.startsWith("TLS server settings will be inactive")
                || message.startsWith("TLS trust settings will be inactive"));
    }

    @Override
    public void logInfo(String message) {
        LOG.debug(message); // the RI is chatty at info; openfire.log gets it at debug
    }

    @Override
    public boolean isLoggingEnabled() {
        return true;
    }

    @Override
    public boolean isLoggingEnabled(int level) {
        return switch (level) {
            case TRACE_DEBUG, TRACE_TRACE -> LOG.isDebugEnabled();
            case TRACE_INFO -> LOG.isDebugEnabled();
            default -> true;
        };
    }

    @Override
    public void disableLogging() {
    }

    @Override
    public void enableLogging() {
    }

    @Override
    public void setBuildTimeStamp(String buildTimeStamp) {
    }

    @Override
    public void setStackProperties(Properties stackProperties) {
    }

    @Override
    public String getLoggerName() {
        return LOG.getName();
    }
}
