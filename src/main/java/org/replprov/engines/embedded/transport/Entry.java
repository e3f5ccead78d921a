package org.replprov.engines.embedded.transport;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One file or directory of an upstream replicated folder, as a listing shows it.
 *
 * <p>Modification times are kept to the millisecond: that is the precision SMB clients report (and the finest one
 * both transports share), so a time copied from one side compares equal on the other.
 *
 * @param path the path relative to the folder root, {@code /}-separated, never empty for an entry
 * @param directory true for a directory (its size is 0)
 * @param size the length in bytes
 * @param lastModified the last-write time
 */
public record Entry(String path, boolean directory, long size, Instant lastModified) {

    public Entry {
        Paths.requireRelative(path);
        Objects.requireNonNull(lastModified, "lastModified");
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size + " of " + path);
        }
        lastModified = lastModified.truncatedTo(ChronoUnit.MILLIS);
        if (directory) {
            size = 0;
        }
    }

    /** A file entry. */
    public static Entry file(String path, long size, Instant lastModified) {
        return new Entry(path, false, size, lastModified);
    }

    /** A directory entry. */
    public static Entry directory(String path, Instant lastModified) {
        return new Entry(path, true, 0, lastModified);
    }

    /** The last path segment. */
    public String name() {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** True when both describe the same content: the same kind, size and modification time. */
    public boolean sameContentAs(Entry other) {
        return other != null && directory == other.directory && size == other.size
                && lastModified.equals(other.lastModified);
    }
}
