package org.replprov.provider.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * The request a provider call belongs to: an identifier for logs (the daemon's request id, the one in
 * {@code X-Request-Id} and the access log), the namespace, the deadline after which the caller no longer waits (a
 * provider may stop early then; the object manager stops passing results on), and who the request is for.
 */
public record ProviderContext(String requestId, String namespace, Instant deadline, Caller caller) {

    public ProviderContext {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(caller, "caller");
    }

    /** A context for work the process does itself ({@link Caller#LOCAL}). */
    public ProviderContext(String requestId, String namespace, Instant deadline) {
        this(requestId, namespace, deadline, Caller.LOCAL);
    }

    public boolean isExpired(Instant now) {
        return now.isAfter(deadline);
    }
}
