package org.replprov.protocol;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * A response body that is held back until it grows past a threshold, so that a failure discovered while writing it
 * can still replace it with an error response.
 *
 * <p>Object-manager failures nearly always happen before the first instance arrives; holding the first bytes back
 * lets the protocol answer them with a proper error ({@link #rewind()}) and gives small responses a
 * {@code Content-Length}. Once the threshold is passed the headers go out with an unknown length (chunked) and the
 * body streams; a failure after that point can only abort the response.
 */
public final class DeferredResponse extends OutputStream {

    /** Sends the response headers and returns the stream for the body. */
    @FunctionalInterface
    public interface Committer {
        /**
         * Commits the response.
         *
         * @param contentLength the exact body length, or -1 when the body streams on
         */
        OutputStream commit(long contentLength) throws IOException;
    }

    private final Committer committer;
    private final int threshold;
    private byte[] buffer;
    private int count;
    private OutputStream body;
    private boolean closed;

    public DeferredResponse(Committer committer, int threshold) {
        this.committer = Objects.requireNonNull(committer, "committer");
        if (threshold < 1) {
            throw new IllegalArgumentException("threshold must be positive");
        }
        this.threshold = threshold;
        this.buffer = new byte[Math.min(threshold, 8192)];
    }

    /** True once the headers went out; from then on the body cannot be replaced. */
    public boolean committed() {
        return body != null;
    }

    /**
     * Drops what was written so far, if nothing was sent yet.
     *
     * @return false when the response was already committed
     */
    public boolean rewind() {
        if (committed()) {
            return false;
        }
        count = 0;
        return true;
    }

    @Override
    public void write(int b) throws IOException {
        if (body != null) {
            body.write(b);
            return;
        }
        ensure(count + 1);
        buffer[count++] = (byte) b;
        spillIfFull();
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (body != null) {
            body.write(b, off, len);
            return;
        }
        ensure(count + len);
        System.arraycopy(b, off, buffer, count, len);
        count += len;
        spillIfFull();
    }

    private void ensure(int capacity) {
        if (capacity > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(capacity, Math.min(buffer.length * 2, threshold + 1)));
        }
    }

    private void spillIfFull() throws IOException {
        if (count > threshold) {
            body = committer.commit(-1);
            body.write(buffer, 0, count);
            buffer = null;
        }
    }

    @Override
    public void flush() throws IOException {
        if (body != null) {
            body.flush();
        }
    }

    /** Commits with the exact length when nothing was sent yet, then closes the body. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (body == null) {
            body = committer.commit(count);
            body.write(buffer, 0, count);
            buffer = null;
        }
        body.close();
    }
}
