package org.replprov.engines.syncthing.rest;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * A client of one Syncthing instance's REST API. Each method is one HTTP request (or, where said, a few), bounded by
 * the settings' timeouts and response size; failures are {@link SyncthingException}s. Thread-safe.
 *
 * <p>Endpoints as in Syncthing's REST documentation and {@code lib/api/api.go}; shapes checked against 1.19.2.
 */
public final class SyncthingClient {

    /** Largest page asked of the paged lists ({@code /rest/db/need}, {@code /rest/folder/errors}). */
    public static final int PAGE = 1000;

    private static final String ACTIONS = "application/json";

    private final SyncthingSettings settings;
    private final HttpClient http;
    private final AtomicLong requests = new AtomicLong();
    private volatile String localId;

    public SyncthingClient(SyncthingSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout()).followRedirects(HttpClient.Redirect.NEVER);
        settings.caPem().ifPresent(pem -> b.sslContext(PinnedTrust.context(pem)));
        this.http = b.build();
    }

    public SyncthingSettings settings() {
        return settings;
    }

    /** How many HTTP requests this client has sent: for measuring what a full read costs. */
    public long requestCount() {
        return requests.get();
    }

    // --- reading ---------------------------------------------------------------------------------------------

    /** {@code GET /rest/system/status}. */
    public SystemStatus status() throws SyncthingException, InterruptedException {
        SystemStatus s = get("rest/system/status", Map.of(), SystemStatus::from);
        localId = s.myId();
        return s;
    }

    /** {@code GET /rest/system/version}. */
    public SystemVersion version() throws SyncthingException, InterruptedException {
        return get("rest/system/version", Map.of(), SystemVersion::from);
    }

    /**
     * What this instance offers: {@code /rest/system/version}, {@code /rest/noauth/health} (asked without the key: a
     * version without it answers 403 or 404) and whether {@code /rest/system/status} has {@code lastDialStatus}. Three
     * requests.
     */
    public Features features() throws SyncthingException, InterruptedException {
        SystemVersion v = version();
        Request health = new Request("GET", "rest/noauth/health", Map.of(), null, false);
        HttpResponse<InputStream> r = send(health, settings.requestTimeout());
        boolean healthy;
        try (InputStream in = r.body()) {
            byte[] body = read(health, r, in);
            healthy = r.statusCode() == 200 && saysOk(body);
        } catch (IOException e) {
            throw failed(health, e);
        }
        return new Features(v.version(), healthy, status().lastDialStatus().isPresent());
    }

    /** Whether a health answer is {@code {"status":"OK"}}; anything else (a proxy's page …) means no such endpoint. */
    private static boolean saysOk(byte[] body) {
        try {
            return "OK".equals(Json.parse(body).optionalText("status").orElse(""));
        } catch (Json.Malformed e) {
            return false;
        }
    }

    /** {@code GET /rest/config}: devices, folders, the bandwidth option. */
    public SyncthingConfig config() throws SyncthingException, InterruptedException {
        return get("rest/config", Map.of(), SyncthingConfig::from);
    }

    /**
     * {@code GET /rest/system/connections}, by remote device ID, without the local device's own entry. The first call
     * also reads {@link #status} to learn the local device ID.
     */
    public Map<String, Connection> connections() throws SyncthingException, InterruptedException {
        String me = localId;
        if (me == null) {
            me = status().myId();
        }
        String local = me;
        return get("rest/system/connections", Map.of(), n -> Connection.from(n, local));
    }

    /** {@code GET /rest/stats/device}, by device ID (the local device included, never seen). */
    public Map<String, DeviceStats> deviceStats() throws SyncthingException, InterruptedException {
        return get("rest/stats/device", Map.of(), DeviceStats::from);
    }

    /** {@code GET /rest/db/status?folder=}. */
    public FolderStatus folderStatus(String folder) throws SyncthingException, InterruptedException {
        return get("rest/db/status", Map.of("folder", folder), FolderStatus::from);
    }

    /** {@code GET /rest/folder/errors?folder=}: the files that failed in the last pull (first {@value #PAGE}). */
    public List<FileError> folderErrors(String folder) throws SyncthingException, InterruptedException {
        return get("rest/folder/errors", query("folder", folder, "page", "1", "perpage", Integer.toString(PAGE)),
                n -> {
                    var errors = n.optional("errors");
                    return errors.isPresent() ? FileError.list(errors.get()) : List.of();
                });
    }

    /** {@code GET /rest/db/completion?folder=&device=}: a remote device's completion of a folder. */
    public Completion completion(String folder, String device) throws SyncthingException, InterruptedException {
        return get("rest/db/completion", query("folder", folder, "device", device), Completion::from);
    }

    /** {@code GET /rest/db/need?folder=}: what this instance still needs, in pull order (first {@value #PAGE}). */
    public NeedList need(String folder) throws SyncthingException, InterruptedException {
        return get("rest/db/need", query("folder", folder, "page", "1", "perpage", Integer.toString(PAGE)),
                NeedList::from);
    }

    /**
     * {@code GET /rest/system/error}, without the warning Syncthing keeps while it runs as root (a remark on how it
     * was started, not an error of replication).
     */
    public List<SystemError> systemErrors() throws SyncthingException, InterruptedException {
        return get("rest/system/error", Map.of(), n -> {
            List<SystemError> out = new ArrayList<>();
            var errors = n.optional("errors");
            if (errors.isPresent()) {
                for (Json.Node e : errors.get().elements()) {
                    SystemError error = SystemError.from(e);
                    if (!error.message().startsWith(SystemError.RUNNING_AS_ROOT)) {
                        out.add(error);
                    }
                }
            }
            return List.copyOf(out);
        });
    }

    // --- actions ---------------------------------------------------------------------------------------------

    /** {@code POST /rest/system/pause?device=}: disconnects the device and keeps it paused (persisted in config). */
    public void pauseDevice(String device) throws SyncthingException, InterruptedException {
        post("rest/system/pause", Map.of("device", device));
    }

    /** {@code POST /rest/system/resume?device=}. */
    public void resumeDevice(String device) throws SyncthingException, InterruptedException {
        post("rest/system/resume", Map.of("device", device));
    }

    /** {@code PATCH /rest/config/folders/<id>} with {@code paused}: a folder-level pause, applied at once. */
    public void setFolderPaused(String folder, boolean paused) throws SyncthingException, InterruptedException {
        patch("rest/config/folders/" + pathSegment(folder), Map.of("paused", paused));
    }

    /** {@code POST /rest/db/scan?folder=}: rescans the folder now. */
    public void scan(String folder) throws SyncthingException, InterruptedException {
        post("rest/db/scan", Map.of("folder", folder));
    }

    /**
     * {@code POST /rest/db/prio?folder=&file=}: moves a queued file to the front of the pull queue; returns the need
     * list after the move. Files already being pulled, or not needed, are left as they are.
     */
    public NeedList prioritise(String folder, String file) throws SyncthingException, InterruptedException {
        Request r = new Request("POST", "rest/db/prio", query("folder", folder, "file", file), new byte[0], true);
        return parseWith(r, exchange(r, settings.requestTimeout()), NeedList::from);
    }

    /**
     * {@code PATCH /rest/config/devices/<id>} with {@code maxRecvKbps} (KiB/s; 0 = unlimited). Syncthing ignores it
     * for LAN peers unless {@link #setLimitBandwidthInLan} is on.
     */
    public void setMaxRecvKbps(String device, long kibPerSecond) throws SyncthingException, InterruptedException {
        if (kibPerSecond < 0) {
            throw new IllegalArgumentException("a receive limit is 0 (unlimited) or positive: " + kibPerSecond);
        }
        patch("rest/config/devices/" + pathSegment(device), Map.of("maxRecvKbps", kibPerSecond));
    }

    /** {@code PATCH /rest/config/options} with {@code limitBandwidthInLan}. */
    public void setLimitBandwidthInLan(boolean limit) throws SyncthingException, InterruptedException {
        patch("rest/config/options", Map.of("limitBandwidthInLan", limit));
    }

    // --- events ----------------------------------------------------------------------------------------------

    /**
     * An event stream of {@code types} (empty: Syncthing's default subscription, all but the per-file change events),
     * long-polling up to {@code pollTimeout} (whole seconds, at least 1) and taking at most {@code limit} events per
     * poll; more pending than that is reported as a gap.
     */
    public EventStream events(List<String> types, Duration pollTimeout, int limit) {
        return new EventStream(this, types, pollTimeout, limit);
    }

    /** One long-poll: events after {@code since}, waiting up to {@code timeout} (0: answer at once). */
    List<Event> pollEvents(long since, Duration timeout, int limit, List<String> types)
            throws SyncthingException, InterruptedException {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("since", Long.toString(since));
        q.put("timeout", Long.toString(timeout.toSeconds()));
        q.put("limit", Integer.toString(limit));
        if (!types.isEmpty()) {
            q.put("events", String.join(",", types));
        }
        Request r = new Request("GET", "rest/events", q, null, true);
        return parseWith(r, exchange(r, settings.requestTimeout().plus(timeout)), n -> {
            List<Event> out = new ArrayList<>();
            for (Json.Node e : n.elements()) {
                out.add(Event.from(e));
            }
            return out;
        });
    }

    // --- HTTP ------------------------------------------------------------------------------------------------

    /** A request, and how it is named in messages: method, path and query, never the key. */
    private record Request(String method, String path, Map<String, String> query, byte[] body, boolean authenticate) {
        URI uri(URI base) {
            StringBuilder s = new StringBuilder(path);
            String sep = "?";
            for (Map.Entry<String, String> e : query.entrySet()) {
                s.append(sep).append(e.getKey()).append('=').append(URLEncoder.encode(e.getValue(),
                        StandardCharsets.UTF_8).replace("+", "%20"));
                sep = "&";
            }
            return base.resolve(s.toString());
        }

        String label() {
            StringBuilder s = new StringBuilder(method).append(" /").append(path);
            String sep = "?";
            for (Map.Entry<String, String> e : query.entrySet()) {
                s.append(sep).append(e.getKey()).append('=').append(SyncthingException.printable(e.getValue(), 200));
                sep = "&";
            }
            return s.toString();
        }
    }

    @FunctionalInterface
    private interface Reader<T> {
        T read(Json.Node root) throws Json.Malformed;
    }

    private static Map<String, String> query(String... pairs) {
        Map<String, String> q = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            q.put(pairs[i], Objects.requireNonNull(pairs[i + 1], pairs[i]));
        }
        return q;
    }

    /** A device or folder ID as one path segment: percent-encoded, so that '/' or '?' cannot leave it. */
    private static String pathSegment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private <T> T get(String path, Map<String, String> query, Reader<T> reader)
            throws SyncthingException, InterruptedException {
        Request r = new Request("GET", path, query, null, true);
        return parseWith(r, exchange(r, settings.requestTimeout()), reader);
    }

    private void post(String path, Map<String, String> query) throws SyncthingException, InterruptedException {
        Request r = new Request("POST", path, query, new byte[0], true);
        exchange(r, settings.requestTimeout());
    }

    private void patch(String path, Map<String, Object> fields) throws SyncthingException, InterruptedException {
        Request r = new Request("PATCH", path, Map.of(), Json.write(fields), true);
        exchange(r, settings.requestTimeout());
    }

    private <T> T parseWith(Request r, byte[] body, Reader<T> reader) throws SyncthingException {
        try {
            return reader.read(parse(r, body));
        } catch (Json.Malformed e) {
            throw new SyncthingException(SyncthingException.Kind.PROTOCOL, r.label() + ": unexpected answer: "
                    + e.getMessage(), null);
        }
    }

    private static Json.Node parse(Request r, byte[] body) throws SyncthingException {
        try {
            return Json.parse(body);
        } catch (Json.Malformed e) {
            throw new SyncthingException(SyncthingException.Kind.PROTOCOL, r.label() + ": " + e.getMessage(), null);
        }
    }

    /** Sends {@code r}; the body of a 2xx answer, or the error its status means. */
    private byte[] exchange(Request r, Duration timeout) throws SyncthingException, InterruptedException {
        HttpResponse<InputStream> response = send(r, timeout);
        byte[] body;
        try (InputStream in = response.body()) {
            body = read(r, response, in);
        } catch (IOException e) {
            throw failed(r, e);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return body;
        }
        String text = new String(body, StandardCharsets.UTF_8);
        SyncthingException.Kind kind = switch (status) {
            case 401, 403 -> SyncthingException.Kind.UNAUTHORIZED;
            case 404 -> SyncthingException.Kind.NOT_FOUND;
            default -> SyncthingException.Kind.REFUSED;
        };
        String why = kind == SyncthingException.Kind.UNAUTHORIZED
                ? " (the API key is missing or not this instance's)" : "";
        throw new SyncthingException(kind, status, text, r.label() + ": HTTP " + status + why + ": "
                + SyncthingException.printable(text, SyncthingException.MAX_ENGINE_MESSAGE), null);
    }

    private HttpResponse<InputStream> send(Request r, Duration timeout)
            throws SyncthingException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(r.uri(settings.baseUrl())).timeout(timeout)
                .header("Accept", "application/json");
        if (r.authenticate()) {
            b.header("X-API-Key", settings.apiKey().reveal());
        }
        if (r.body() == null) {
            b.method(r.method(), HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", ACTIONS).method(r.method(), HttpRequest.BodyPublishers.ofByteArray(r.body()));
        }
        requests.incrementAndGet();
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw failed(r, e);
        }
    }

    /** Reads at most {@code maxResponseBytes}; a longer answer is a PROTOCOL error (and the rest is not read). */
    private byte[] read(Request r, HttpResponse<InputStream> response, InputStream in)
            throws IOException, SyncthingException {
        int max = settings.maxResponseBytes();
        long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (declared > max) {
            throw tooLarge(r, declared + " bytes");
        }
        byte[] body = in.readNBytes(max + 1);
        if (body.length > max) {
            throw tooLarge(r, "more than " + max + " bytes");
        }
        return body;
    }

    private SyncthingException tooLarge(Request r, String size) {
        return new SyncthingException(SyncthingException.Kind.PROTOCOL, r.label() + ": the answer has " + size
                + ", more than the " + settings.maxResponseBytes() + " allowed", null);
    }

    private SyncthingException failed(Request r, IOException e) {
        String where = r.label() + " at " + settings.baseUrl() + ": ";
        if (e instanceof SSLHandshakeException || (e instanceof SSLException && hasCause(e, CertificateException.class))) {
            return new SyncthingException(SyncthingException.Kind.UNTRUSTED, where + "the server's certificate is "
                    + "not trusted (give Syncthing's https-cert.pem, or the CA that signed it): " + e.getMessage(), e);
        }
        if (e instanceof HttpTimeoutException) {
            return new SyncthingException(SyncthingException.Kind.UNREACHABLE, where + "no answer in time: "
                    + e.getMessage(), e);
        }
        if (e instanceof ConnectException || hasCause(e, ConnectException.class)) {
            return new SyncthingException(SyncthingException.Kind.UNREACHABLE, where + "cannot connect: " + e, e);
        }
        return new SyncthingException(SyncthingException.Kind.UNREACHABLE, where + "connection lost: " + e, e);
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }
}
