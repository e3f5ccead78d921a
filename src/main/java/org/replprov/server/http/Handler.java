package org.replprov.server.http;

import java.io.IOException;
import org.replprov.operation.Outcome;

/** Answers requests on one path (or, for CIM-XML, with one set of headers). */
@FunctionalInterface
public interface Handler {

    /**
     * Answers {@code exchange}: responds and closes the body, or throws to have the connection dropped.
     *
     * @return the operation answered and how it ended, for the access log and the request metrics
     */
    Outcome handle(Exchange exchange) throws IOException;
}
