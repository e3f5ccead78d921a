package org.replprov.engine;

import java.util.Objects;
import java.util.Optional;

/**
 * One engine instance's health: up once it started; down, with the reason, when its start failed (it is not
 * retried).
 *
 * @param engine the instance name
 * @param type the adapter type it was created by ({@code embedded})
 * @param failure why it did not start; empty when it is up
 */
public record EngineStatus(String engine, String type, Optional<String> failure) {

    public EngineStatus {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(failure, "failure");
    }

    public boolean up() {
        return failure.isEmpty();
    }
}
