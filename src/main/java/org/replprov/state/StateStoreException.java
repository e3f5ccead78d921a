package org.replprov.state;

/** A read or write of the state database failed after start-up (disk full, I/O error). */
public class StateStoreException extends RuntimeException {

    public StateStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
