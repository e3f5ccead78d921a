package org.replprov.provider.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * The request a provider call belongs to: an identifier for logs, the namespace, and the deadline after which the
 * caller no longer waits (a provider may stop early then; the object manager stops passing results on).
 */
public record ProviderContext(String requestId, String namespace, Instant deadline) {

    public ProviderContext {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(deadline, "deadline");
    }

    public boolean isExpired(Instant now) {
        return now.isAfter(deadline);
    }
}
