package org.replprov.engines.embedded;

import java.util.Objects;

import org.replprov.engines.embedded.mirror.Mirror;
import org.replprov.engines.embedded.schedule.Throttle;

/**
 * One replicated folder of an inbound connection: its settings, the mirror that keeps the local replica equal to
 * the upstream, and the throttle its transfers use while a ForceFolderReplication override gives it a bandwidth of
 * its own (otherwise it shares the connection's).
 */
record FolderReplica(EmbeddedSettings.Folder settings, Mirror mirror, Throttle ownThrottle) {

    FolderReplica {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(mirror, "mirror");
        Objects.requireNonNull(ownThrottle, "ownThrottle");
    }
}
