package org.replprov.engines.embedded.transport;

import java.io.IOException;

/** Reading an upstream file failed; {@link #transportException()} says how, as every transport failure does. */
public final class UpstreamReadException extends IOException {

    public UpstreamReadException(TransportException cause) {
        super(cause.getMessage(), cause);
    }

    public TransportException transportException() {
        return (TransportException) getCause();
    }
}
