package org.replprov.engines.syncthing.rest;

import java.time.Instant;
import java.util.Optional;

/**
 * One entry of {@code GET /rest/system/error}: a message Syncthing shows in its GUI as an error.
 *
 * @param level Syncthing's log level of the message (3 = warning in 1.19)
 */
public record SystemError(Optional<Instant> when, String message, int level) {

    /**
     * The start of the warning Syncthing keeps while it runs as root: a remark on how it was started, present from
     * start to stop, not an error of replication.
     */
    static final String RUNNING_AS_ROOT = "Syncthing should not run as a privileged or system user";

    static SystemError from(Json.Node n) throws Json.Malformed {
        Optional<Json.Node> level = n.optional("level");
        return new SystemError(n.time("when"), n.text("message"), level.isPresent() ? (int) level.get().integer() : 0);
    }
}
