package org.replprov.server.http;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Cuts off clients that stop reading their response.
 *
 * <p>The JDK server writes responses with blocking socket writes on the handler's thread, so a client that stops
 * reading (or reads a byte a minute) would hold a worker thread for as long as it likes. Each response stream is
 * therefore guarded: one watchdog thread looks at the writes in progress and interrupts a thread whose write has been
 * blocked longer than the write timeout. Interrupting a thread blocked on a socket channel closes the channel
 * ({@code ClosedByInterruptException}), which ends the connection and frees the thread.
 */
public final class WriteGuard implements AutoCloseable {

    private final long timeoutNanos;
    private final Set<GuardedStream> active = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService watchdog;

    public WriteGuard(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "replprov-write-watchdog");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(50, Math.min(1000, timeout.toMillis() / 4));
        watchdog.scheduleAtFixedRate(this::scan, period, period, TimeUnit.MILLISECONDS);
    }

    /** {@code out} with every write watched; closing the result stops watching it. */
    public OutputStream guard(OutputStream out) {
        GuardedStream g = new GuardedStream(out);
        active.add(g);
        return g;
    }

    private void scan() {
        long now = System.nanoTime();
        for (GuardedStream g : active) {
            g.interruptIfStuck(now);
        }
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
    }

    private final class GuardedStream extends FilterOutputStream {
        private Thread writer;
        private long writeStarted;
        private boolean timedOut;

        GuardedStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            begin();
            try {
                out.write(b);
            } finally {
                end();
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            begin();
            try {
                out.write(b, off, len);
            } finally {
                end();
            }
        }

        @Override
        public void flush() throws IOException {
            begin();
            try {
                out.flush();
            } finally {
                end();
            }
        }

        @Override
        public void close() throws IOException {
            try {
                begin();
                try {
                    out.close();
                } finally {
                    end();
                }
            } finally {
                active.remove(this);
            }
        }

        private synchronized void begin() throws IOException {
            if (timedOut) {
                throw new InterruptedIOException("the client stopped reading the response");
            }
            writer = Thread.currentThread();
            writeStarted = System.nanoTime();
        }

        /**
         * Ends a write. The interrupt is only ever sent while a write is in progress (both under this lock), so
         * clearing the thread's interrupt status here cannot swallow anyone else's interrupt.
         */
        private void end() throws IOException {
            boolean cutOff;
            synchronized (this) {
                writer = null;
                cutOff = timedOut;
            }
            if (cutOff) {
                Thread.interrupted();
                throw new InterruptedIOException("the client did not read the response for "
                        + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms; connection closed");
            }
        }

        synchronized void interruptIfStuck(long now) {
            if (writer != null && !timedOut && now - writeStarted > timeoutNanos) {
                timedOut = true;
                writer.interrupt();
            }
        }
    }
}
