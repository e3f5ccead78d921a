package org.replprov.engines.syncthing.rest;

import java.time.Instant;
import java.util.Optional;

/**
 * {@code GET /rest/db/status?folder=}: the local state of one folder, and what it still needs from the others (the
 * inbound backlog; Syncthing pulls from whichever device has a block, so it is not split by partner). The same
 * object is the {@code summary} of {@code FolderSummary} events.
 *
 * @param error the folder's error when {@code state} is {@code error} (a missing folder marker, …)
 * @param pullErrors files that failed to sync in the last pull ({@code /rest/folder/errors} lists them)
 * @param errors the same count under its older name; Syncthing 1.19 writes both
 */
public record FolderStatus(FolderState state, Optional<Instant> stateChanged, Optional<String> error,
                           long needFiles, long needDirectories, long needSymlinks, long needDeletes,
                           long needBytes, long needTotalItems, long globalTotalItems, long globalBytes,
                           long inSyncBytes, long pullErrors, long errors, long sequence) {

    static FolderStatus from(Json.Node n) throws Json.Malformed {
        Optional<Json.Node> changed = n.optional("stateChanged");
        return new FolderStatus(FolderState.from(n.field("state")),
                changed.isPresent() ? changed.get().time() : Optional.empty(), n.optionalText("error"),
                n.integer("needFiles"), n.integer("needDirectories"), n.integer("needSymlinks"),
                n.integer("needDeletes"), n.integer("needBytes"), n.integer("needTotalItems"),
                n.integer("globalTotalItems"), n.integer("globalBytes"), n.integer("inSyncBytes"),
                n.integer("pullErrors"), n.integer("errors"), n.integer("sequence"));
    }
}
