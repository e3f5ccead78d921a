package org.replprov.engines.syncthing.scale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Syncthing REST double on loopback that replays {@link ScaledAnswers}: the GETs the {@code syncthing} engine
 * sends, with the API key checked, and {@code /rest/events} as Syncthing serves it — events after {@code since}, at
 * most the latest {@code limit}, the long-poll held until an event is {@link #emit emitted} or {@code timeout}
 * seconds pass. The only fake of the project's Syncthing tests, for the scale figures of docs/performance.md.
 */
public final class SyncthingRestDouble implements AutoCloseable {

    private final ScaledAnswers answers;
    private final String apiKey;
    private final HttpServer server;
    private final ExecutorService threads;
    private final Map<String, byte[]> fixed = new HashMap<>();
    private final List<JsonNode> events = new ArrayList<>();
    private final Map<String, AtomicLong> requests = new ConcurrentHashMap<>();

    public SyncthingRestDouble(ScaledAnswers answers, String apiKey) throws IOException {
        this.answers = answers;
        this.apiKey = apiKey;
        fixed.put(RecordedAnswers.STATUS, bytes(answers.status()));
        fixed.put(RecordedAnswers.CONFIG, bytes(answers.config()));
        fixed.put(RecordedAnswers.CONNECTIONS, bytes(answers.connections()));
        fixed.put(RecordedAnswers.DB_STATUS, bytes(answers.folderStatus()));
        fixed.put(RecordedAnswers.COMPLETION, bytes(answers.completion()));
        fixed.put(RecordedAnswers.NEED, bytes(answers.need()));
        // Headers and body leave in two writes: without TCP_NODELAY each answer waits for the client's delayed ACK
        // (about 40 ms on Linux), a cost of the double that Syncthing (Go sets TCP_NODELAY) does not have.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        AtomicInteger n = new AtomicInteger();
        threads = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "double-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /** Requests answered so far, all endpoints. */
    public long requests() {
        return requests.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** Requests answered so far, by endpoint. */
    public Map<String, Long> requestsByEndpoint() {
        Map<String, Long> out = new java.util.TreeMap<>();
        requests.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    /** Appends an event (its {@code id} set to the next number) and wakes the waiting long-polls. */
    public synchronized long emit(java.util.function.LongFunction<JsonNode> event) {
        long id = events.size() + 1;
        events.add(event.apply(id));
        notifyAll();
        return id;
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            String path = x.getRequestURI().getPath().substring(1);
            requests.computeIfAbsent(path, p -> new AtomicLong()).incrementAndGet();
            if (!apiKey.equals(x.getRequestHeaders().getFirst("X-API-Key"))) {
                send(x, 403, "Forbidden\n".getBytes(StandardCharsets.UTF_8));
                return;
            }
            Map<String, String> q = query(x.getRequestURI().getRawQuery());
            if (path.equals("rest/events")) {
                send(x, 200, bytes(poll(Long.parseLong(q.getOrDefault("since", "0")),
                        Long.parseLong(q.getOrDefault("timeout", "60")),
                        Integer.parseInt(q.getOrDefault("limit", "0")))));
            } else if (path.equals(RecordedAnswers.FOLDER_ERRORS)) {
                send(x, 200, bytes(answers.folderErrors(q.get("folder"))));
            } else if (fixed.containsKey(path)) {
                send(x, 200, fixed.get(path));
            } else {
                send(x, 404, "404 page not found\n".getBytes(StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized JsonNode poll(long since, long timeoutS, int limit) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutS * 1_000_000_000L;
        while (events.size() <= since && timeoutS > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        ArrayNode out = RecordedAnswers.JSON.createArrayNode();
        int from = (int) Math.min(since, events.size());
        if (limit > 0) {
            from = Math.max(from, events.size() - limit);
        }
        events.subList(from, events.size()).forEach(out::add);
        return out;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    q.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return q;
    }

    private static byte[] bytes(JsonNode n) throws IOException {
        return RecordedAnswers.JSON.writeValueAsBytes(n);
    }

    private static void send(HttpExchange x, int status, byte[] body) throws IOException {
        x.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        x.sendResponseHeaders(status, body.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
