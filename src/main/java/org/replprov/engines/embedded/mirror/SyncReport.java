package org.replprov.engines.embedded.mirror;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * What one pass over a replicated folder did.
 *
 * @param folder the replicated folder's name
 * @param started when the pass began
 * @param elapsed how long it took
 * @param differences how many entries differed when the pass began (0: the replica was in sync)
 * @param filesInstalled files downloaded and moved into place
 * @param bytesInstalled their total size
 * @param bytesTransferred bytes read from the upstream (less than installed when a download resumed)
 * @param directoriesCreated directories created
 * @param deleted files and directories deleted because they are gone upstream
 * @param conflicts local changes moved to ConflictAndDeleted
 * @param skipped files that changed or disappeared upstream while being read; the next pass takes them
 */
public record SyncReport(String folder, Instant started, Duration elapsed, int differences, int filesInstalled,
                         long bytesInstalled, long bytesTransferred, int directoriesCreated, int deleted,
                         int conflicts, int skipped) {

    public SyncReport {
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(elapsed, "elapsed");
    }

    /** True when the replica equals the upstream as listed at the start of the pass, and nothing was skipped. */
    public boolean inSync() {
        return differences == 0 && skipped == 0;
    }

    /** One line for the log. */
    public String summary() {
        if (differences == 0) {
            return folder + ": in sync (" + millis(elapsed) + ")";
        }
        StringBuilder sb = new StringBuilder(folder).append(": ");
        sb.append(filesInstalled).append(filesInstalled == 1 ? " file" : " files")
                .append(" (").append(Units.bytes(bytesInstalled)).append(") installed");
        if (bytesTransferred != bytesInstalled) {
            sb.append(", ").append(Units.bytes(bytesTransferred)).append(" transferred");
        }
        if (directoriesCreated > 0) {
            sb.append(", ").append(directoriesCreated).append(" directories created");
        }
        if (deleted > 0) {
            sb.append(", ").append(deleted).append(" deleted");
        }
        if (conflicts > 0) {
            sb.append(", ").append(conflicts).append(" local changes moved to ConflictAndDeleted");
        }
        if (skipped > 0) {
            sb.append(", ").append(skipped).append(" changed upstream while read (next pass)");
        }
        sb.append(" in ").append(millis(elapsed));
        if (elapsed.toMillis() > 0 && bytesTransferred > 0) {
            sb.append(" (").append(Units.rate(bytesTransferred, elapsed)).append(")");
        }
        return sb.toString();
    }

    private static String millis(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
