package org.replprov.provider;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.replprov.cim.CimException;
import org.replprov.cim.WbemStatus;
import org.replprov.provider.spi.Indication;
import org.replprov.wql.EventFilter;

/**
 * The indications of one subscription (those its compiled event query accepts), in the order they happened, in a bounded queue. A subscriber that falls so far
 * behind that the queue fills loses its subscription: the stream then fails with WBEM_E_QUEUE_OVERFLOW, rather than
 * blocking the provider or dropping events silently. Closing it ends the subscription.
 */
public final class IndicationStream implements AutoCloseable {

    private final EventFilter filter;
    private final BlockingQueue<Indication> queue;
    private final Runnable onClose;
    private volatile CimException failure;
    private volatile boolean closed;

    IndicationStream(EventFilter filter, int capacity, Runnable onClose) {
        this.filter = filter;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.onClose = onClose;
    }

    /** Called on the provider's thread; never blocks. */
    void offer(Indication indication) {
        if (closed || failure != null
                || !filter.matches(indication.kind(), indication.targetInstance(), indication.previousInstance())) {
            return;
        }
        if (!queue.offer(indication)) {
            failure = new CimException(WbemStatus.WBEM_E_QUEUE_OVERFLOW, "the subscriber fell more than "
                    + (queue.size() + queue.remainingCapacity()) + " indications behind; the subscription ended");
        }
    }

    /**
     * The next indication, waiting at most {@code timeout}; empty when none arrived.
     *
     * @throws CimException WBEM_E_QUEUE_OVERFLOW once the subscriber fell behind and every queued indication has
     *     been taken; WBEM_E_CALL_CANCELLED when the stream was closed
     */
    public Optional<Indication> poll(Duration timeout) throws InterruptedException {
        Indication next = queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (next == null) {
            throwIfEnded();
        }
        return Optional.ofNullable(next);
    }

    /** Every indication queued now, without waiting. */
    public List<Indication> drain() {
        List<Indication> out = new ArrayList<>();
        queue.drainTo(out);
        if (out.isEmpty()) {
            throwIfEnded();
        }
        return out;
    }

    private void throwIfEnded() {
        if (failure != null) {
            throw failure;
        }
        if (closed) {
            throw new CimException(WbemStatus.WBEM_E_CALL_CANCELLED, "the subscription was closed");
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            onClose.run();
        }
    }
}
