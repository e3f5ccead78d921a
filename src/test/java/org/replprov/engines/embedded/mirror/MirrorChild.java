package org.replprov.engines.embedded.mirror;

import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;

import org.replprov.engines.embedded.schedule.Throttle;
import org.replprov.engines.embedded.store.EmbeddedDatabase;
import org.replprov.engines.embedded.transport.FileTransport;

/**
 * Runs one throttled pass in a process of its own, so that a test can kill it with SIGKILL in the middle of a
 * transfer. Arguments: upstream, replica, state directory, folder GUID, rate in bytes per second.
 */
public final class MirrorChild {

    private MirrorChild() {
    }

    public static void main(String[] args) throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.open(Path.of(args[2]))) {
            Mirror m = new Mirror("rf", new FileTransport(Path.of(args[0])), new Replica(Path.of(args[1])),
                    db.folder(UUID.fromString(args[3])), Clock.systemUTC(), Mirror.Settings.DEFAULT);
            System.out.println("syncing");
            System.out.flush();
            m.sync(new Throttle(Long.parseLong(args[4])));
        }
    }
}
