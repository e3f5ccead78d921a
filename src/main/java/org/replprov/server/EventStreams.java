package org.replprov.server;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.replprov.cim.CimException;
import org.replprov.cim.WbemStatus;
import org.replprov.log.LogSafe;
import org.replprov.protocol.json.CimJson;
import org.replprov.provider.IndicationStream;
import org.replprov.provider.spi.Indication;
import org.replprov.server.http.Exchange;
import org.replprov.metrics.Counter;
import org.replprov.metrics.MetricFamily;
import org.replprov.metrics.MetricsRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The open Server-Sent Events streams (WHATWG HTML "Server-sent events"), each on its own thread from a bounded pool.
 *
 * <p>Each stream reads its subscription ({@link IndicationStream}, the object manager's bounded queue) and writes the
 * events as {@code id}/{@code event}/{@code data} frames, with a comment line when idle so that proxies and clients see
 * the connection alive. A subscriber that falls too far behind loses its subscription (the object manager ends it)
 * and gets an {@code overflow} event; one that stops reading is cut off by the write guard; when the daemon stops,
 * every stream gets a {@code shutdown} event.
 */
final class EventStreams implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EventStreams.class);

    /** How long the writer waits for an event before it looks at its stop flag and the keep-alive clock. */
    private static final Duration POLL_SLICE = Duration.ofMillis(200);

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

    /** One stream being written. */
    private static final class Stream {
        volatile boolean stopping;
    }

    /**
     * Answers {@code ex} with an event stream of {@code events} on a thread of its own, until the client goes, the
     * subscription ends or the daemon stops; then closes the subscription and the exchange.
     *
     * @throws RejectedExecutionException when the stream limit is reached; nothing was started
     */
    void start(String requestId, String namespace, IndicationStream events, Exchange ex, AutoCloseable exchange) {
        threads.execute(() -> {
            Stream stream = new Stream();
            open.add(stream);
            MDC.put("requestId", requestId);
            long started = System.nanoTime();
            long sent = 0;
            String end = "the daemon stopped";
            try (events; exchange; OutputStream body = respond(ex)) {
                write(body, "retry: 5000\n: subscribed\n\n");
                long lastWrite = System.nanoTime();
                while (!stream.stopping) {
                    Optional<Indication> next;
                    try {
                        next = events.poll(POLL_SLICE);
                    } catch (CimException e) {
                        if (e.status() == WbemStatus.WBEM_E_QUEUE_OVERFLOW) {
                            write(body, "event: overflow\ndata: " + errorJson(e) + "\n\n");
                            end = "the subscriber fell behind: " + e.description();
                            break;
                        }
                        throw e;
                    }
                    if (next.isPresent()) {
                        write(body, "id: " + (sent + 1) + "\nevent: " + next.get().eventClass() + "\ndata: "
                                + json(namespace, next.get()) + "\n\n");
                        sent++;
                        delivered.increment();
                        lastWrite = System.nanoTime();
                    } else if (System.nanoTime() - lastWrite >= heartbeat.toNanos()) {
                        write(body, ": keep-alive\n\n");
                        lastWrite = System.nanoTime();
                    }
                }
                if (stream.stopping) {
                    write(body, "event: shutdown\ndata: {}\n\n");
                }
            } catch (Exception e) {
                end = "the client went away (" + LogSafe.of(e.getMessage()) + ")";
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

    private static String json(String namespace, Indication e) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator g = JsonResponses.JSON.createGenerator(bytes)) {
            CimJson.indication(g, namespace, e);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String errorJson(CimException e) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator g = JsonResponses.JSON.createGenerator(bytes)) {
            CimJson.error(g, e);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Ends every stream (each writes a {@code shutdown} event) and waits briefly for them. */
    @Override
    public void close() {
        open.forEach(s -> s.stopping = true);
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
