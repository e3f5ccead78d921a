package org.replprov.engines.syncthing.rest;

import java.util.Optional;

/**
 * {@code GET /rest/db/completion?folder=&device=}: how far a remote device is from the global state of a folder, as
 * this instance knows it (the outbound backlog to that partner). For a disconnected partner the figures come from its
 * last known index.
 *
 * @param completion percent, 0 to 100
 * @param remoteState {@code valid}, {@code paused}, {@code notSharing} or {@code unknown}: whether the figures are
 *     current (Syncthing 1.20 and later; empty before)
 */
public record Completion(double completion, long globalBytes, long globalItems, long needBytes, long needItems,
                         long needDeletes, long sequence, Optional<String> remoteState) {

    static Completion from(Json.Node n) throws Json.Malformed {
        return new Completion(n.number("completion"), n.integer("globalBytes"), n.integer("globalItems"),
                n.integer("needBytes"), n.integer("needItems"), n.integer("needDeletes"), n.integer("sequence"),
                n.optionalText("remoteState"));
    }
}
