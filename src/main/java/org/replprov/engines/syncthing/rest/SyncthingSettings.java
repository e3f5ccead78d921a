package org.replprov.engines.syncthing.rest;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a Syncthing instance's REST API is and how to talk to it.
 *
 * @param baseUrl the GUI listener, {@code http://127.0.0.1:8384} or {@code https://host:8384}, optionally with a
 *     path prefix (a reverse proxy); REST paths are resolved against it
 * @param apiKey the instance's API key; never shown by {@link #toString}
 * @param caPem PEM text of the certificate(s) to trust for an HTTPS GUI: Syncthing's own self-signed
 *     {@code https-cert.pem} (trusted as that exact certificate, whatever host name the URL uses) or the CA that
 *     signed it; empty = the JDK's trust store
 * @param connectTimeout how long a TCP (and TLS) connection may take
 * @param requestTimeout how long one call may take, answer included; the event long-poll adds its own timeout
 * @param maxResponseBytes the largest answer read; a larger one is a {@code PROTOCOL} error
 */
public record SyncthingSettings(URI baseUrl, ApiKey apiKey, Optional<String> caPem, Duration connectTimeout,
                                Duration requestTimeout, int maxResponseBytes) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(15);
    /** 16 MiB: {@code /rest/config} of a few thousand folders, or a page of {@code /rest/db/need}. */
    public static final int DEFAULT_MAX_RESPONSE_BYTES = 16 << 20;

    public SyncthingSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(caPem, "caPem");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (!("http".equals(baseUrl.getScheme()) || "https".equals(baseUrl.getScheme())) || baseUrl.getHost() == null
                || baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null || baseUrl.getRawUserInfo() != null) {
            throw new IllegalArgumentException("the Syncthing URL must be http://host[:port][/path] or "
                    + "https://host[:port][/path] (no user, query or fragment): " + baseUrl);
        }
        String path = baseUrl.getRawPath() == null ? "" : baseUrl.getRawPath();
        if (!path.endsWith("/")) {
            baseUrl = URI.create(baseUrl.getScheme() + "://" + baseUrl.getRawAuthority() + path + "/");
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero() || requestTimeout.isNegative()
                || requestTimeout.isZero()) {
            throw new IllegalArgumentException("Syncthing timeouts must be positive");
        }
        if (maxResponseBytes < 1024) {
            throw new IllegalArgumentException("maxResponseBytes must be at least 1024: " + maxResponseBytes);
        }
    }

    /** {@code baseUrl} with {@code apiKey}, the JDK's trust store and the default timeouts and bound. */
    public static SyncthingSettings of(URI baseUrl, ApiKey apiKey) {
        return new SyncthingSettings(baseUrl, apiKey, Optional.empty(), DEFAULT_CONNECT_TIMEOUT,
                DEFAULT_REQUEST_TIMEOUT, DEFAULT_MAX_RESPONSE_BYTES);
    }

    public SyncthingSettings withCaPem(String pem) {
        return new SyncthingSettings(baseUrl, apiKey, Optional.of(pem), connectTimeout, requestTimeout,
                maxResponseBytes);
    }

    public SyncthingSettings withTimeouts(Duration connect, Duration request) {
        return new SyncthingSettings(baseUrl, apiKey, caPem, connect, request, maxResponseBytes);
    }

    public SyncthingSettings withMaxResponseBytes(int max) {
        return new SyncthingSettings(baseUrl, apiKey, caPem, connectTimeout, requestTimeout, max);
    }

    @Override
    public String toString() {
        return "SyncthingSettings[baseUrl=" + baseUrl + ", apiKey=****, caPem=" + (caPem.isPresent() ? "set" : "none")
                + ", connectTimeout=" + connectTimeout + ", requestTimeout=" + requestTimeout + ", maxResponseBytes="
                + maxResponseBytes + "]";
    }
}
