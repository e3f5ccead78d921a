package org.replprov.engines.embedded.mirror;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

import org.replprov.engines.embedded.schedule.Throttle;
import org.replprov.engines.embedded.transport.Entry;
import org.replprov.engines.embedded.transport.Transport;
import org.replprov.engines.embedded.transport.TransportException;

/**
 * Downloads one upstream file into the staging directory, hashing it on the way and holding to the throttle.
 *
 * <p>The staging file is named after the Uid and the upstream version ({@code <uid>-<size>-<mtime>.partial}). A
 * download that was interrupted (the process killed, the schedule closed) resumes where it stopped when the next pass
 * finds the same upstream version; a staging file of another version is never reused.
 */
final class Fetcher {

    /** Smallest read buffer, so that small files do not cost a megabyte each. */
    private static final int MIN_BUFFER = 8192;

    private final Transport upstream;
    private final Replica replica;
    private final Throttle throttle;
    private final LongAdder transferred;

    Fetcher(Transport upstream, Replica replica, Throttle throttle, LongAdder transferred) {
        this.upstream = upstream;
        this.replica = replica;
        this.throttle = throttle;
        this.transferred = transferred;
    }

    /** A complete download waiting in staging. */
    record Fetched(Path staged, String sha1) {
    }

    /** The staging file name for one upstream version of a file. */
    static String stagingName(long uid, Entry upstream) {
        return uid + "-" + upstream.size() + "-" + upstream.lastModified().toEpochMilli() + ".partial";
    }

    /**
     * Downloads {@code file}. Empty when the upstream file is no longer the version listed (it changed size while
     * being read, or disappeared): the partial download is dropped and the next pass takes the new version.
     */
    Optional<Fetched> fetch(Entry file, long uid) throws TransportException, IOException, InterruptedException {
        Path staged = replica.staging(stagingName(uid, file));
        MessageDigest sha1 = sha1();
        long offset = resumable(staged, file.size(), sha1);
        long total = offset;
        byte[] buf = new byte[(int) Math.max(MIN_BUFFER, Math.min(throttle.chunkSize(), file.size() + 1))];
        try (InputStream in = upstream.read(file.path(), offset);
             OutputStream out = Files.newOutputStream(staged, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                     offset > 0 ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
            while (true) {
                if (Thread.interrupted()) {
                    throw new InterruptedException("download of " + file.path() + " stopped");
                }
                int n = in.read(buf, 0, Math.min(buf.length, throttle.chunkSize()));
                if (n < 0) {
                    break;
                }
                throttle.acquire(n);
                out.write(buf, 0, n);
                sha1.update(buf, 0, n);
                total += n;
                transferred.add(n);
                if (total > file.size()) {
                    break; // it grew: not the listed version
                }
            }
        } catch (TransportException e) {
            if (e.reason() == TransportException.Reason.NOT_FOUND) {
                Files.deleteIfExists(staged);
                return Optional.empty();
            }
            throw e;
        } catch (IOException e) {
            if (e.getCause() instanceof InterruptedException || Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("download of " + file.path() + " stopped");
            }
            throw e;
        }
        if (total != file.size()) {
            Files.deleteIfExists(staged);
            return Optional.empty();
        }
        return Optional.of(new Fetched(staged, HexFormat.of().formatHex(sha1.digest())));
    }

    /** The length of a partial download of this version to continue from, its bytes fed to {@code sha1}; else 0. */
    private static long resumable(Path staged, long size, MessageDigest sha1) throws IOException {
        if (!Files.exists(staged)) {
            return 0;
        }
        long have = Files.size(staged);
        if (have > size) {
            return 0;
        }
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(staged)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                sha1.update(buf, 0, n);
            }
        }
        return have;
    }

    static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
    }
}
