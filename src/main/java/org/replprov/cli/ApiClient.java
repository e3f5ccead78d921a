package org.replprov.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

/**
 * The JSON API of a running daemon, as the client commands use it (docs/api.md): authenticated requests, JSON
 * answers, error objects turned into {@link ApiException}s, and event streams read frame by frame.
 */
final class ApiClient {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final URI base;
    private final String authorization;
    private final HttpClient http;

    ApiClient(ConnectionOptions options) throws ApiException {
        this.base = options.url();
        this.authorization = options.user() == null ? null : basic(options.user(), password(options));
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .version(HttpClient.Version.HTTP_1_1);
        if (options.caCert != null) {
            b.sslContext(trusting(options));
        }
        this.http = b.build();
    }

    private static String password(ConnectionOptions o) throws ApiException {
        try {
            if (o.passwordFile != null) {
                return Files.readAllLines(o.passwordFile, StandardCharsets.UTF_8).stream().findFirst().orElse("");
            }
        } catch (IOException e) {
            throw new ApiException(2, "cannot read the password file " + o.passwordFile + ": " + e.getMessage());
        }
        String value = System.getenv(o.passwordEnv());
        if (value == null) {
            throw new ApiException(2, "no password for user " + o.user() + ": set " + o.passwordEnv()
                    + " or use --password-file");
        }
        return value;
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static SSLContext trusting(ConnectionOptions o) throws ApiException {
        try (InputStream in = Files.newInputStream(o.caCert)) {
            Certificate cert = CertificateFactory.getInstance("X.509").generateCertificate(in);
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("replprov", cert);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw new ApiException(2, "cannot use the certificate " + o.caCert + ": " + e.getMessage());
        }
    }

    /** {@code path?name=value&…} with the values URL-encoded. */
    static String path(String path, Map<String, String> query) {
        StringJoiner q = new StringJoiner("&", path + "?", "").setEmptyValue(path);
        query.forEach((k, v) -> {
            if (v != null) {
                q.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8));
            }
        });
        return q.toString();
    }

    JsonNode get(String pathAndQuery) throws ApiException {
        return send(request(pathAndQuery).GET().build());
    }

    JsonNode post(String path, JsonNode body) throws ApiException {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
    }

    /** The largest text answer {@link #text} reads: a scrape of thousands of connections is well below it. */
    static final int MAX_TEXT_BYTES = 16 * 1024 * 1024;

    /** A text answer, such as {@code /metrics}; an error status is an {@link ApiException} as for JSON. */
    String text(String path) throws ApiException {
        HttpResponse<InputStream> r = exchange(request(path).setHeader("Accept", "text/plain").GET().build());
        try (InputStream body = r.body()) {
            byte[] bytes = body.readNBytes(MAX_TEXT_BYTES + 1);
            if (bytes.length > MAX_TEXT_BYTES) {
                throw new ApiException(ApiException.UNREACHABLE, "the answer of " + base.resolve(path) + " is longer "
                        + "than " + MAX_TEXT_BYTES + " bytes");
            }
            if (r.statusCode() / 100 != 2) {
                throw new ApiException(r.statusCode() == 401 || r.statusCode() == 403 ? ApiException.REFUSED
                        : ApiException.CIM_ERROR, base.resolve(path) + " answered HTTP " + r.statusCode());
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ApiException(ApiException.UNREACHABLE, "the daemon at " + base + " broke off its answer ("
                    + r.statusCode() + "): " + e.getMessage());
        }
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(TIMEOUT)
                .header("Accept", "application/json");
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return b;
    }

    private JsonNode send(HttpRequest request) throws ApiException {
        HttpResponse<InputStream> r = exchange(request);
        try (InputStream body = r.body()) {
            JsonNode json = JSON.readTree(body);
            if (r.statusCode() / 100 != 2) {
                throw failure(r.statusCode(), json);
            }
            return json;
        } catch (IOException e) {
            throw new ApiException(ApiException.UNREACHABLE, "the daemon at " + base + " sent an unreadable answer ("
                    + r.statusCode() + "): " + e.getMessage());
        }
    }

    private HttpResponse<InputStream> exchange(HttpRequest request) throws ApiException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (ConnectException e) {
            throw new ApiException(ApiException.UNREACHABLE, "cannot connect to " + base + ": is the daemon running?");
        } catch (SSLException e) {
            throw new ApiException(ApiException.UNREACHABLE, "TLS with " + base + " failed: " + e.getMessage()
                    + " (use --cacert for a self-signed certificate)");
        } catch (IOException e) {
            throw new ApiException(ApiException.UNREACHABLE, "the daemon at " + base + " closed the connection "
                    + "without answering (" + e.getMessage() + "); its log says why");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(ApiException.UNREACHABLE, "interrupted");
        }
    }

    /** {@code WBEM_E_NOT_FOUND (0x80041002): …} from a JSON error object, or the bare status without one. */
    private static ApiException failure(int status, JsonNode json) {
        JsonNode e = json == null ? null : json.get("error");
        String message = e == null ? "HTTP " + status
                : e.path("name").asText() + " (" + e.path("code").asText() + "): " + e.path("description").asText();
        return new ApiException(status == 401 || status == 403 ? ApiException.REFUSED : ApiException.CIM_ERROR,
                message);
    }

    /** One Server-Sent Event. */
    record Event(String type, String data) {
    }

    /**
     * Reads an event stream until it ends or {@code onEvent} returns false; keep-alive comments are skipped.
     */
    void stream(String pathAndQuery, Predicate<Event> onEvent) throws ApiException {
        HttpRequest request = request(pathAndQuery).timeout(Duration.ofDays(3650)).header("Accept",
                "text/event-stream").GET().build();
        HttpResponse<InputStream> r = exchange(request);
        if (r.statusCode() != 200) {
            try (InputStream body = r.body()) {
                throw failure(r.statusCode(), JSON.readTree(body));
            } catch (IOException e) {
                throw new ApiException(ApiException.CIM_ERROR, "HTTP " + r.statusCode());
            }
        }
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            String type = null;
            StringBuilder data = new StringBuilder();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("event: ")) {
                    type = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data.append(line.substring(6));
                } else if (line.isEmpty() && type != null) {
                    if (!onEvent.test(new Event(type, data.toString()))) {
                        return;
                    }
                    type = null;
                    data.setLength(0);
                }
            }
        } catch (IOException e) {
            throw new ApiException(ApiException.UNREACHABLE, "the event stream from " + base + " broke: " + e);
        }
    }

    static JsonNode parse(String json) throws IOException {
        return JSON.readTree(json);
    }

    static ObjectMapper mapper() {
        return JSON;
    }
}
