package org.replprov.provider;

import java.util.Objects;
import org.replprov.provider.spi.Caller;

/**
 * One request to the object manager as its sender numbered it: the id every log line about it carries (the daemon's
 * {@code X-Request-Id}) and who it is for. Both reach the providers in their
 * {@link org.replprov.provider.spi.ProviderContext}.
 */
public record Request(String id, Caller caller) {

    public Request {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(caller, "caller");
    }
}
