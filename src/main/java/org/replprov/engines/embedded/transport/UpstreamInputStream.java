package org.replprov.engines.embedded.transport;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.util.function.Function;

/**
 * An upstream file being read. A read failure is an upstream failure, not a local one: it comes out as an
 * {@link UpstreamReadException} carrying the classified {@link TransportException}, so that a caller that also writes
 * locally can tell the two apart.
 */
final class UpstreamInputStream extends FilterInputStream {

    private final Function<IOException, TransportException> classify;

    UpstreamInputStream(InputStream in, Function<IOException, TransportException> classify) {
        super(in);
        this.classify = classify;
    }

    @Override
    public int read() throws IOException {
        try {
            return super.read();
        } catch (IOException e) {
            throw wrap(e);
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            return super.read(b, off, len);
        } catch (IOException e) {
            throw wrap(e);
        }
    }

    private IOException wrap(IOException e) {
        if (e instanceof InterruptedIOException || e instanceof ClosedByInterruptException) {
            return e; // the reader was stopped, the upstream did nothing wrong
        }
        return new UpstreamReadException(classify.apply(e));
    }
}
