package org.federationgateway.store;

/** A database operation failed; the message names the operation, the cause keeps the driver's detail. */
public class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(String operation, Throwable cause) {
        super("database operation failed: " + operation + ": " + cause.getMessage(), cause);
    }
}
