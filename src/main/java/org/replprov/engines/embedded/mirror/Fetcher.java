package org.replprov.engines.embedded.mirror;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;

import org.replprov.engines.embedded.schedule.Throttle;
import org.replprov.engines.embedded.transport.Entry;
import org.replprov.engines.embedded.transport.Transport;
import org.replprov.engines.embedded.transport.TransportException;
import org.replprov.engines.embedded.transport.UpstreamReadException;

/**
 * Downloads one upstream file into the staging directory, hashing it on the way and holding to the throttle.
 *
 * <p>The staging file is named after the Uid and the upstream version ({@code <uid>-<size>-<mtime>.partial}). A
 * download that was interrupted (the process killed, the schedule closed) resumes where it stopped when the next pass
 * finds the same upstream version; a staging file of another version is never reused.
 *
 * <p>A file is read up to its listed size and no further (one round trip less per file over a network): a file that
 * is shorter than listed is dropped for the next pass, one that grew has a new modification time, which the next pass
 * sees. Over a transport that profits from it, a large file is read in {@value #SEGMENT}-byte segments, several at
 * once, and written and hashed in order.
 *
 * <p>Only files of {@value #RESUMABLE} bytes or more resume: a smaller one starts over, which costs little, and since
 * most files of a tree are small, not looking for their partial downloads saves a system call on most files.
 */
final class Fetcher {

    /** Segment size of parallel reads. */
    static final int SEGMENT = 4 << 20;

    /** Smallest file whose partial download is resumed. */
    static final int RESUMABLE = 1 << 20;

    /** Smallest read buffer, so that small files do not cost a megabyte each. */
    private static final int MIN_BUFFER = 8192;

    private final Transport upstream;
    private final Replica replica;
    private final Throttle throttle;
    private final LongAdder transferred;
    private final ExecutorService segmentReaders;

    /**
     * Segment buffers written out and free again: a new one is zeroed first, and at a gigabyte a second that costs the
     * CPU a tenth of a second.
     */
    private final Queue<byte[]> spareSegments = new ConcurrentLinkedQueue<>();

    /**
     * @param transferred counts every byte read from the upstream
     * @param segmentReaders runs segment reads of large files; at least {@link Transport#parallelReads()} threads
     */
    Fetcher(Transport upstream, Replica replica, Throttle throttle, LongAdder transferred,
            ExecutorService segmentReaders) {
        this.upstream = upstream;
        this.replica = replica;
        this.throttle = throttle;
        this.transferred = transferred;
        this.segmentReaders = segmentReaders;
    }

    /** A complete download waiting in staging. */
    record Fetched(Path staged, String sha1) {
    }

    /** The staging file name for one upstream version of a file. */
    static String stagingName(long uid, Entry upstream) {
        return uid + "-" + upstream.size() + "-" + upstream.lastModified().toEpochMilli() + ".partial";
    }

    /**
     * Downloads {@code file}. Empty when the upstream file is no longer the version listed (shorter than listed, or
     * gone): the partial download is dropped and the next pass takes the new version.
     */
    Optional<Fetched> fetch(Entry file, long uid) throws TransportException, IOException, InterruptedException {
        Path staged = replica.staging(uid, stagingName(uid, file));
        MessageDigest sha1 = sha1();
        long offset = file.size() >= RESUMABLE ? resumable(staged, file.size(), sha1) : 0;
        boolean complete;
        try (OutputStream out = Files.newOutputStream(staged, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                offset > 0 ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
            Sink sink = (b, n) -> {
                out.write(b, 0, n);
                sha1.update(b, 0, n);
            };
            complete = upstream.parallelReads() > 1 && file.size() - offset > SEGMENT
                    ? copySegments(file, offset, sink) : copy(file.path(), offset, file.size() - offset, sink);
        } catch (UpstreamReadException e) {
            complete = notFound(e.transportException());
        } catch (TransportException e) {
            complete = notFound(e);
        }
        if (!complete) {
            Files.deleteIfExists(staged);
            return Optional.empty();
        }
        return Optional.of(new Fetched(staged, HexFormat.of().formatHex(sha1.digest())));
    }

    /** A file that vanished is not a failure of the pass; anything else is. */
    private static boolean notFound(TransportException e) throws TransportException {
        if (e.reason() != TransportException.Reason.NOT_FOUND) {
            throw e;
        }
        return false;
    }

    @FunctionalInterface
    private interface Sink {
        void accept(byte[] buffer, int length) throws IOException;
    }

    /** Reads {@code length} bytes from {@code offset} into {@code sink}; false when the file ends before. */
    private boolean copy(String path, long offset, long length, Sink sink)
            throws TransportException, IOException, InterruptedException {
        byte[] buf = new byte[(int) Math.max(MIN_BUFFER, Math.min(throttle.chunkSize(), length))];
        try (InputStream in = upstream.read(path, offset)) {
            for (long left = length; left > 0; ) {
                int n = read(in, buf, (int) Math.min(buf.length, left), path);
                if (n < 0) {
                    return false;
                }
                sink.accept(buf, n);
                left -= n;
            }
        }
        return true;
    }

    /**
     * Reads {@code file} from {@code offset} in segments, {@link Transport#parallelReads()} at a time, and hands them
     * to {@code sink} in order.
     */
    private boolean copySegments(Entry file, long offset, Sink sink)
            throws TransportException, IOException, InterruptedException {
        record Pending(Future<byte[]> buffer, int length) {
        }
        Deque<Pending> inFlight = new ArrayDeque<>();
        long next = offset;
        try {
            while (next < file.size() || !inFlight.isEmpty()) {
                while (inFlight.size() < upstream.parallelReads() && next < file.size()) {
                    long at = next;
                    int length = (int) Math.min(SEGMENT, file.size() - at);
                    inFlight.add(new Pending(segmentReaders.submit(() -> segment(file.path(), at, length)), length));
                    next += length;
                }
                Pending p = inFlight.poll();
                byte[] segment = await(p.buffer());
                if (segment == null) {
                    return false;
                }
                sink.accept(segment, p.length());
                spareSegments.add(segment);
            }
            return true;
        } finally {
            inFlight.forEach(p -> p.buffer().cancel(true));
        }
    }

    /** One segment in a buffer of {@value #SEGMENT} bytes, or null when the file ends before it does. */
    private byte[] segment(String path, long offset, int length)
            throws TransportException, IOException, InterruptedException {
        byte[] segment = spareSegments.poll();
        if (segment == null) {
            segment = new byte[SEGMENT];
        }
        try (InputStream in = upstream.read(path, offset)) {
            for (int got = 0; got < length; ) {
                int n = read(in, segment, got, Math.min(throttle.chunkSize(), length - got), path);
                if (n < 0) {
                    return null;
                }
                got += n;
            }
        }
        return segment;
    }

    private static byte[] await(Future<byte[]> f) throws TransportException, IOException, InterruptedException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof TransportException te) {
                throw te;
            }
            if (cause instanceof IOException ioe) {
                throw ioe;
            }
            if (cause instanceof InterruptedException ie) {
                throw ie;
            }
            throw new IllegalStateException("segment read failed: " + cause, cause);
        }
    }

    private int read(InputStream in, byte[] buf, int length, String path) throws IOException, InterruptedException {
        return read(in, buf, 0, length, path);
    }

    /** One read, paid for at the throttle and counted; -1 at the end of the file. */
    private int read(InputStream in, byte[] buf, int at, int length, String path)
            throws IOException, InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("download of " + path + " stopped");
        }
        int n = in.read(buf, at, length);
        if (n > 0) {
            throttle.acquire(n);
            transferred.add(n);
        }
        return n;
    }

    /** The length of a partial download of this version to continue from, its bytes fed to {@code sha1}; else 0. */
    private static long resumable(Path staged, long size, MessageDigest sha1) throws IOException {
        if (!staged.toFile().exists()) {
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
