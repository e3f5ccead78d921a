package org.replprov.engines.windows.wsman;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * How a {@link WsmanClient} reaches one WS-Management service.
 *
 * @param endpoint the service's URL ({@code https://fs01.example.com:5986/wsman}, or
 *     {@code http://fs01.example.com:5985/wsman} with NTLM)
 * @param auth how the client authenticates: {@link WsmanAuth#BASIC} needs an https endpoint, {@link WsmanAuth#NTLM}
 *     an http one (its messages are then sealed with the NTLM session keys)
 * @param user the account: {@code DOMAIN\name}, a UPN {@code name@corp.example.com}, or a local account's name
 * @param password its password; never logged, never in {@link #toString()}
 * @param ssl the TLS context: which certificates the client trusts (https only)
 * @param callTimeout how long one request may take, answer included (and, with NTLM, a new connection's
 *     handshake); also sent as {@code wsman:OperationTimeout} (DSP0226 §6) so that the service gives up first and
 *     says so with a fault
 * @param maxResponseBytes the largest answer read; a larger one is refused without being read further
 * @param pageSize the most items asked for in one Enumerate or Pull ({@code wsman:MaxElements})
 * @param maxItems the most items one enumeration may return in all; beyond it the enumeration is released and refused
 */
public record WsmanSettings(URI endpoint, WsmanAuth auth, String user, String password, SSLContext ssl,
                            Duration callTimeout, int maxResponseBytes, int pageSize, int maxItems) {

    /** Answers beyond 16 MiB are refused: a page of 100 DFSR instances is about 200 KiB. */
    public static final int DEFAULT_MAX_RESPONSE_BYTES = 16 << 20;
    public static final int DEFAULT_PAGE_SIZE = 100;
    public static final int DEFAULT_MAX_ITEMS = 100_000;

    public WsmanSettings {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(ssl, "ssl");
        Objects.requireNonNull(callTimeout, "callTimeout");
        String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme();
        if (auth == WsmanAuth.BASIC && !"https".equalsIgnoreCase(scheme)) {
            // Basic authentication sends the password in the clear: only over TLS.
            throw new IllegalArgumentException("a WS-Management endpoint with Basic authentication must be https: "
                    + endpoint);
        }
        if (auth == WsmanAuth.NTLM && !"http".equalsIgnoreCase(scheme)) {
            // Over https WinRM wants channel bindings with NTLM (MS-NLMP §3.1.5.1.2); only plain http is done.
            throw new IllegalArgumentException("NTLM is implemented over http with message encryption; use an "
                    + "http endpoint, or Basic over https: " + endpoint);
        }
        if (endpoint.getHost() == null) {
            throw new IllegalArgumentException("the endpoint names no host: " + endpoint);
        }
        if (callTimeout.isNegative() || callTimeout.isZero()) {
            throw new IllegalArgumentException("callTimeout must be positive");
        }
        if (maxResponseBytes < 1024 || pageSize < 1 || maxItems < 1) {
            throw new IllegalArgumentException("limits must be positive (maxResponseBytes at least 1024)");
        }
    }

    /** Settings with the default limits and the endpoint's default authentication ({@link WsmanAuth#defaultFor}). */
    public static WsmanSettings of(URI endpoint, String user, String password, SSLContext ssl, Duration callTimeout) {
        return new WsmanSettings(endpoint, WsmanAuth.defaultFor(endpoint.getScheme()), user, password, ssl,
                callTimeout, DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_PAGE_SIZE, DEFAULT_MAX_ITEMS);
    }

    public WsmanSettings withAuth(WsmanAuth how) {
        return new WsmanSettings(endpoint, how, user, password, ssl, callTimeout, maxResponseBytes, pageSize,
                maxItems);
    }

    public WsmanSettings withPageSize(int size) {
        return new WsmanSettings(endpoint, auth, user, password, ssl, callTimeout, maxResponseBytes, size, maxItems);
    }

    public WsmanSettings withLimits(int responseBytes, int items) {
        return new WsmanSettings(endpoint, auth, user, password, ssl, callTimeout, responseBytes, pageSize, items);
    }

    @Override
    public String toString() {
        return "WsmanSettings[" + endpoint + ", auth=" + auth + ", user=" + user + ", callTimeout=" + callTimeout
                + "]";
    }
}
