package org.replprov.engines.embedded.backlog;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

import org.replprov.engines.embedded.transport.Entry;

/**
 * What a member holds of one replicated folder, as the embedded engine's version vector: per file or directory, a
 * fingerprint of its path and one of its version. A DFSR version vector names, per database, the ranges of versions a
 * member has seen (MS-FRS2 §2.2.1.4.5); the embedded engine mirrors over plain file shares, where the version of an
 * upstream file is its size and modification time (what the mirror compares), so the vector names those directly.
 * The sending member fingerprints what it holds the same way; the paths that differ are the backlog.
 *
 * <p>Text form, version 1 ({@link #encode()}; docs/dfsr-provider.md, "Version vectors of the embedded engine"):
 * {@code RPVV1:<replicated folder GUID, upper case>:<count>:<entries>}, the entries being {@code count} pairs of
 * unsigned 64-bit big-endian values (path fingerprint, version fingerprint) in strictly ascending order of path
 * fingerprint, in unpadded base64url. A path fingerprint is the first 8 bytes of SHA-256 over {@code "P" NUL path}
 * (relative to the folder root, {@code /}-separated, UTF-8); a version fingerprint over {@code "D"} for a directory
 * and {@code "F" NUL size NUL mtime-ms} for a file. At most {@link #MAX_ENTRIES} entries.
 */
public final class VersionVector {

    /** The prefix that names the format and its version. */
    public static final String PREFIX = "RPVV1:";

    /**
     * The most entries a vector holds: 2 MiB of fingerprints, 2.8 million characters, below the provider's limit. A
     * folder with more files and directories has no version vector (ERROR_NOT_SUPPORTED).
     */
    public static final int MAX_ENTRIES = 131_072;

    private static final int ENTRY_BYTES = 2 * Long.BYTES;

    private static final Pattern GUID = Pattern.compile(
            "[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}");

    private final UUID folder;
    /** Path fingerprints, strictly ascending unsigned; versions[i] belongs to paths[i]. */
    private final long[] paths;
    private final long[] versions;

    private VersionVector(UUID folder, long[] paths, long[] versions) {
        this.folder = folder;
        this.paths = paths;
        this.versions = versions;
    }

    /**
     * The vector of {@code entries} of the folder.
     *
     * @throws IllegalArgumentException when there are more than {@link #MAX_ENTRIES}
     */
    public static VersionVector of(UUID folder, Collection<Entry> entries) {
        Objects.requireNonNull(folder, "folder");
        if (entries.size() > MAX_ENTRIES) {
            throw new IllegalArgumentException(entries.size() + " entries; a version vector holds at most "
                    + MAX_ENTRIES);
        }
        MessageDigest sha = sha256();
        long[][] pairs = new long[entries.size()][];
        int i = 0;
        for (Entry e : entries) {
            pairs[i++] = new long[] {pathFingerprint(sha, e), versionFingerprint(sha, e)};
        }
        Arrays.sort(pairs, (x, y) -> Long.compareUnsigned(x[0], y[0]));
        long[] p = new long[pairs.length];
        long[] v = new long[pairs.length];
        int n = 0;
        for (long[] pair : pairs) {
            // Two paths with one fingerprint (odds 2^-64 per pair) keep the first: the backlog may then miss one.
            if (n == 0 || p[n - 1] != pair[0]) {
                p[n] = pair[0];
                v[n++] = pair[1];
            }
        }
        return new VersionVector(folder, Arrays.copyOf(p, n), Arrays.copyOf(v, n));
    }

    /** The replicated folder the vector describes. */
    public UUID folder() {
        return folder;
    }

    /** How many files and directories it names. */
    public int size() {
        return paths.length;
    }

    /**
     * The updates a member holding this would send to a member holding {@code receiver}: paths here that are missing
     * there or there in another version (new and changed files and directories), and paths there that are gone here
     * (deletions), each once.
     */
    public long backlogTowards(VersionVector receiver) {
        long[] a = paths;
        long[] b = receiver.paths;
        long count = 0;
        int i = 0;
        int j = 0;
        while (i < a.length && j < b.length) {
            int c = Long.compareUnsigned(a[i], b[j]);
            if (c == 0) {
                if (versions[i] != receiver.versions[j]) {
                    count++;
                }
                i++;
                j++;
            } else if (c < 0) {
                count++;
                i++;
            } else {
                count++;
                j++;
            }
        }
        return count + (a.length - i) + (b.length - j);
    }

    /**
     * Whether this vector names {@code entry}'s path in {@code entry}'s version: false for an entry that a member
     * holding this lacks or holds in another version, which is an update a sender holding {@code entry} would send.
     */
    public boolean holds(Entry entry) {
        MessageDigest sha = sha256();
        int at = unsignedSearch(paths, pathFingerprint(sha, entry));
        return at >= 0 && versions[at] == versionFingerprint(sha, entry);
    }

    /**
     * The path fingerprint of {@code path}, as the vector names it: the first 8 bytes of SHA-256 over
     * {@code "P" NUL path}.
     */
    public static long pathFingerprint(String path) {
        return hash(sha256(), "P\0" + path);
    }

    private static long pathFingerprint(MessageDigest sha, Entry e) {
        return hash(sha, "P\0" + e.path());
    }

    private static long versionFingerprint(MessageDigest sha, Entry e) {
        return hash(sha, e.directory() ? "D" : "F\0" + e.size() + "\0" + e.lastModified().toEpochMilli());
    }

    /** Binary search over values in ascending unsigned order; the index, or a negative number when absent. */
    private static int unsignedSearch(long[] sorted, long key) {
        int lo = 0;
        int hi = sorted.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = Long.compareUnsigned(sorted[mid], key);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    /** The text form, version 1. */
    public String encode() {
        ByteBuffer buf = ByteBuffer.allocate(paths.length * ENTRY_BYTES);
        for (int i = 0; i < paths.length; i++) {
            buf.putLong(paths[i]).putLong(versions[i]);
        }
        return PREFIX + folder.toString().toUpperCase(Locale.ROOT) + ":" + paths.length + ":"
                + Base64.getUrlEncoder().withoutPadding().encodeToString(buf.array());
    }

    /** Characters of {@code bytes} bytes in unpadded base64. */
    private static int base64Length(long bytes) {
        return (int) ((bytes * 4 + 2) / 3);
    }

    /**
     * Reads the text form; never throws anything but the checked exception, whatever the input.
     *
     * @throws MalformedVersionVectorException naming the offset of the first thing wrong
     */
    public static VersionVector decode(String text) throws MalformedVersionVectorException {
        if (text == null) {
            throw new MalformedVersionVectorException(0, "missing");
        }
        int maxChars = PREFIX.length() + 37 + 7 + base64Length((long) MAX_ENTRIES * ENTRY_BYTES);
        if (text.length() > maxChars) {
            throw new MalformedVersionVectorException(maxChars, "longer than the " + maxChars
                    + " characters of the largest vector");
        }
        if (!text.startsWith(PREFIX)) {
            throw new MalformedVersionVectorException(0, "does not start with " + PREFIX
                    + " (not a version vector of this engine, or of another format version)");
        }
        int guidAt = PREFIX.length();
        int guidEnd = guidAt + 36;
        if (text.length() < guidEnd + 1 || !GUID.matcher(text.substring(guidAt, guidEnd)).matches()
                || text.charAt(guidEnd) != ':') {
            throw new MalformedVersionVectorException(guidAt, "expected the replicated folder GUID and ':'");
        }
        UUID folder = UUID.fromString(text.substring(guidAt, guidEnd));
        int countAt = guidEnd + 1;
        int colon = text.indexOf(':', countAt);
        if (colon < 0 || colon == countAt || colon - countAt > 6) {
            throw new MalformedVersionVectorException(countAt, "expected the count (1 to 6 digits) and ':'");
        }
        int count = 0;
        for (int k = countAt; k < colon; k++) {
            char c = text.charAt(k);
            if (c < '0' || c > '9') {
                throw new MalformedVersionVectorException(k, "expected a digit of the count");
            }
            count = count * 10 + (c - '0');
        }
        if (count > MAX_ENTRIES) {
            throw new MalformedVersionVectorException(countAt, "count " + count + " exceeds " + MAX_ENTRIES);
        }
        int dataAt = colon + 1;
        String data = text.substring(dataAt);
        int expected = base64Length((long) count * ENTRY_BYTES);
        if (data.length() != expected) {
            throw new MalformedVersionVectorException(dataAt, count + " entries take " + expected
                    + " base64url characters, not " + data.length());
        }
        for (int k = 0; k < data.length(); k++) {
            char c = data.charAt(k);
            boolean ok = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_';
            if (!ok) {
                throw new MalformedVersionVectorException(dataAt + k, "not a base64url character");
            }
        }
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(data);
        } catch (IllegalArgumentException e) {
            throw new MalformedVersionVectorException(dataAt, "not base64url: " + e.getMessage());
        }
        ByteBuffer buf = ByteBuffer.wrap(raw);
        long[] p = new long[count];
        long[] v = new long[count];
        for (int k = 0; k < count; k++) {
            p[k] = buf.getLong();
            v[k] = buf.getLong();
            if (k > 0 && Long.compareUnsigned(p[k - 1], p[k]) >= 0) {
                throw new MalformedVersionVectorException(dataAt + base64Length((long) k * ENTRY_BYTES),
                        "entry " + k + " is not above the one before it");
            }
        }
        return new VersionVector(folder, p, v);
    }

    private static long hash(MessageDigest sha, String text) {
        sha.reset();
        return ByteBuffer.wrap(sha.digest(text.getBytes(StandardCharsets.UTF_8))).getLong();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }
}
