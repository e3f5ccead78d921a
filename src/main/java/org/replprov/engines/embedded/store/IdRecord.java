package org.replprov.engines.embedded.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.regex.Pattern;

import org.replprov.engines.embedded.transport.Entry;
import org.replprov.engines.embedded.transport.Paths;

/**
 * One row of a replicated folder's ID table: a file or directory the engine has seen upstream, the number that makes
 * its Uid ({@code {DatabaseGUID}-vN}, DfsrIdRecordInfo.Uid), and the version installed in the replica, if any.
 *
 * <p>The Uid is given when a path is first seen and kept while the path exists upstream; a path that disappears and
 * comes back gets a new one, as a new resource does in DFSR (the GUID part is the database's; MS-FRS2 §2.2.1.4.4
 * {@code uidDbGuid}).
 *
 * @param path the path relative to the folder root
 * @param uid the version number of the Uid
 * @param directory whether it is a directory
 * @param installed what the replica holds since the engine installed it; null while it is only known upstream
 */
public record IdRecord(String path, long uid, boolean directory, Version installed) {

    public IdRecord {
        Paths.requireRelative(path);
        if (uid <= 0) {
            throw new IllegalArgumentException("Uid version must be positive: " + uid);
        }
    }

    /** The last segment of a relative path: the file or folder's own name (DfsrIdRecordInfo.FileName). */
    public static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /**
     * The key the ID table finds a file name by: each character upper-cased, then lower-cased, which is how
     * {@link String#equalsIgnoreCase} and WQL's string comparison fold a character; two names have the same key
     * exactly when they are equal ignoring case in that sense. (Windows compares file names through the volume's
     * upper-case table, which agrees with this for the characters that table maps.)
     */
    public static String nameKey(String name) {
        char[] c = name.toCharArray();
        for (int i = 0; i < c.length; i++) {
            c[i] = Character.toLowerCase(Character.toUpperCase(c[i]));
        }
        return new String(c);
    }

    /** A path seen upstream and not installed yet. */
    public static IdRecord pending(String path, long uid, boolean directory) {
        return new IdRecord(path, uid, directory, null);
    }

    /**
     * This record once {@code upstream} is installed: same Uid, the upstream's kind, size and time.
     *
     * @param sha1 the content hash of a file; empty for a directory
     */
    public IdRecord installed(Entry upstream, String sha1) {
        if (!upstream.path().equals(path)) {
            throw new IllegalArgumentException(upstream.path() + " is not " + path);
        }
        return new IdRecord(path, uid, upstream.directory(),
                new Version(upstream.size(), upstream.lastModified(), upstream.directory() ? "" : sha1));
    }

    /** True when the replica holds exactly the upstream {@code entry} according to this record. */
    public boolean installedMatches(Entry entry) {
        return installed != null && directory == entry.directory()
                && (directory || installed.size() == entry.size() && installed.lastModified().equals(entry.lastModified()));
    }

    /**
     * The content of an installed file: its size, modification time and SHA-1 hash (the hash DFSR keeps for every
     * file, MS-FRS2 §2.2.1.4.4 FRS_UPDATE.hash). A directory has size 0 and an empty hash.
     *
     * @param sha1 40 lower-case hex digits, or empty for a directory
     */
    public record Version(long size, Instant lastModified, String sha1) {

        private static final Pattern SHA1_HEX = Pattern.compile("[0-9a-f]{40}");

        public Version {
            Objects.requireNonNull(lastModified, "lastModified");
            Objects.requireNonNull(sha1, "sha1");
            lastModified = lastModified.truncatedTo(ChronoUnit.MILLIS);
            if (!sha1.isEmpty() && !SHA1_HEX.matcher(sha1).matches()) {
                throw new IllegalArgumentException("not a SHA-1 in hex: " + sha1);
            }
        }
    }
}
