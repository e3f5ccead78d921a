package org.replprov.protocol;

import java.time.Instant;
import java.util.Objects;

/**
 * Who asks and by when: passed first to every {@link CimOperations} call so that the object manager can log the
 * request id, attribute the call to a user, and stop work the client will no longer wait for.
 *
 * @param requestId the id the server gave the request; it appears in every log line about the request
 * @param user      the authenticated user name, or {@code "anonymous"} when authentication is off
 * @param deadline  the instant after which the answer is of no use to the client
 */
public record OperationContext(String requestId, String user, Instant deadline) {

    public OperationContext {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(deadline, "deadline");
    }

    /** True once {@link #deadline} has passed. */
    public boolean expired(Instant now) {
        return now.isAfter(deadline);
    }
}
