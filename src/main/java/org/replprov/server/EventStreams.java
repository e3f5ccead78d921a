package org.replprov.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.replprov.protocol.CimIndication;
import org.replprov.protocol.Subscription;
import org.replprov.protocol.json.CimJson;
import org.replprov.server.http.Exchange;
import org.replprov.server.metrics.Counter;
import org.replprov.server.metrics.MetricFamily;
import org.replprov.server.metrics.MetricsRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The open Server-Sent Events streams (W3C HTML "Server-sent events"), each on its own thread from a bounded pool.
 *
 * <p>Events arrive on the object manager's threads and go into a bounded queue per stream; the stream's thread writes
 * them as {@code id}/{@code event}/{@code data} frames and sends a comment line when idle so that proxies and clients
 * see the connection alive. A subscriber that cannot keep up (its queue fills) gets an {@code overflow} event and is
 * disconnected rather than slowing delivery to others; one that stops reading is cut off by the write guard.
 */
final class EventStreams implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EventStreams.class);
    private static final JsonFactory JSON = new JsonFactory();
    static final int QUEUE_CAPACITY = 1024;

    private final ThreadPoolExecutor threads;
    private final Set<Stream> open = ConcurrentHashMap.newKeySet();
    private final Duration heartbeat;
    private final Counter delivered;

    EventStreams(int maxStreams, Duration heartbeat, MetricsRegistry metrics) {
        AtomicInteger n = new AtomicInteger();
        this.threads = new ThreadPoolExecutor(0, Math.max(1, maxStreams), 60, TimeUnit.SECONDS,
                new SynchronousQueue<>(), r -> {
                    Thread t = new Thread(r, "replprov-events-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.heartbeat = heartbeat;
        this.delivered = metrics.counter("replprov_events_delivered_total", "Events written to event streams.");
        metrics.register(() -> List.of(new MetricFamily("replprov_event_streams", "Event streams open now.",
                MetricFamily.Type.GAUGE, List.of(MetricFamily.Sample.of(List.of(), List.of(), open.size())))));
    }

    int open() {
        return open.size();
    }

    /**
     * The sink a subscription delivers to. The queue also carries an empty token that wakes the writer to look at
     * its flags: interrupting it instead could close the connection mid-write.
     */
    static final class Stream {
        private static final Optional<CimIndication> WAKE = Optional.empty();

        private final BlockingQueue<Optional<CimIndication>> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
        private final String requestId;
        private final String namespace;
        private volatile boolean overflowed;
        private volatile boolean stopping;

        Stream(String requestId, String namespace) {
            this.requestId = requestId;
            this.namespace = namespace;
        }

        /** Called by the object manager; never blocks. A full queue means the writer is awake already. */
        void offer(CimIndication event) {
            if (!queue.offer(Optional.of(event))) {
                overflowed = true;
            }
        }

        void stop() {
            stopping = true;
            queue.offer(WAKE);
        }
    }

    /**
     * Runs {@code stream} on a thread of its own: answers {@code ex} with an event stream and writes to it until the
     * client goes, the queue overflows or the daemon stops; then closes the subscription and the exchange.
     *
     * @throws RejectedExecutionException when the stream limit is reached; nothing was started
     */
    void start(Stream stream, Subscription subscription, Exchange ex, AutoCloseable exchange) {
        threads.execute(() -> {
            open.add(stream);
            MDC.put("requestId", stream.requestId);
            long started = System.nanoTime();
            long sent = 0;
            String end = "the daemon stopped";
            try (subscription; exchange; OutputStream body = respond(ex)) {
                write(body, "retry: 5000\n: subscribed\n\n");
                long id = 0;
                while (!stream.stopping) {
                    if (stream.overflowed) {
                        write(body, "event: overflow\ndata: {\"description\":\"more than " + QUEUE_CAPACITY
                                + " events were waiting; the stream is closed\"}\n\n");
                        end = "its queue overflowed";
                        break;
                    }
                    Optional<CimIndication> item = stream.queue.poll(heartbeat.toMillis(), TimeUnit.MILLISECONDS);
                    if (item == null) {
                        write(body, ": keep-alive\n\n");
                        continue;
                    }
                    if (item.isEmpty()) {
                        continue;
                    }
                    CimIndication e = item.get();
                    write(body, "id: " + (++id) + "\nevent: " + e.eventClass() + "\ndata: " + json(stream.namespace, e)
                            + "\n\n");
                    sent++;
                    delivered.increment();
                }
                if (stream.stopping) {
                    write(body, "event: shutdown\ndata: {}\n\n");
                }
            } catch (Exception e) {
                end = "the client went away (" + e.getMessage() + ")";
            } finally {
                open.remove(stream);
                log.info("Event stream closed after {} event(s) and {} s: {}", sent,
                        (System.nanoTime() - started) / 1_000_000_000, end);
                MDC.clear();
            }
        });
    }

    private static OutputStream respond(Exchange ex) throws IOException {
        ex.responseHeader("Content-Type", "text/event-stream; charset=utf-8");
        ex.responseHeader("Cache-Control", "no-cache");
        return ex.respond(200, -1);
    }

    private static void write(OutputStream body, String frame) throws IOException {
        body.write(frame.getBytes(StandardCharsets.UTF_8));
        body.flush();
    }

    private static String json(String namespace, CimIndication e) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(bytes)) {
            CimJson.indication(g, namespace, e);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Ends every stream (each writes a {@code shutdown} event) and waits briefly for them. */
    @Override
    public void close() {
        open.forEach(Stream::stop);
        threads.shutdown();
        try {
            if (!threads.awaitTermination(5, TimeUnit.SECONDS)) {
                threads.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            threads.shutdownNow();
        }
    }
}
