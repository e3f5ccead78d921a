package org.replprov.engines.embedded.peer;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import javax.net.ssl.SSLContext;

import org.replprov.drsr.Win32Error;
import org.replprov.engines.embedded.transport.TransportException;
import org.replprov.engines.embedded.transport.TransportException.Reason;

/** The client side of the peer protocol: announcements to an upstream, notifications to a downstream. */
public final class PeerClient {

    private final HttpClient http;
    private final Duration timeout;

    /** @param ssl the trust for HTTPS peers (the JDK's default, or a configured trust store) */
    public PeerClient(SSLContext ssl, Duration timeout) {
        this.http = HttpClient.newBuilder().sslContext(ssl).connectTimeout(timeout).build();
        this.timeout = timeout;
    }

    /**
     * Announces a downstream's inbound connection to its upstream.
     *
     * @throws TransportException unreachable (5008), unrecognized group or connection (5012), another protocol
     *     version (5102), anything else (5002)
     */
    public PeerProtocol.AnnounceReply announce(URI upstream, String user, String password,
                                               PeerProtocol.Announce announce)
            throws TransportException, InterruptedException {
        HttpRequest.Builder r = request(upstream.resolve(PeerProtocol.ANNOUNCE_PATH), announce);
        if (!user.isEmpty()) {
            r.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(r.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new TransportException(unreachable(e) ? Reason.UNREACHABLE : Reason.FAILED,
                    "cannot announce to " + upstream + ": " + e, e);
        }
        String what = "announcing to " + upstream;
        switch (response.statusCode()) {
            case 200 -> {
                try {
                    PeerProtocol.AnnounceReply reply = PeerProtocol.read(response.body(),
                            PeerProtocol.AnnounceReply.class, "announce reply");
                    if (reply.protocol() != PeerProtocol.VERSION) {
                        throw new TransportException(Reason.INCOMPATIBLE, what + ": the upstream speaks peer "
                                + "protocol version " + reply.protocol() + ", this member " + PeerProtocol.VERSION);
                    }
                    return reply;
                } catch (PeerRefusal e) {
                    throw new TransportException(Reason.FAILED, what + ": " + e.getMessage());
                }
            }
            case 404 -> throw new TransportException(Reason.NOT_FOUND, what + ": " + refusal(response));
            case 409 -> throw new TransportException(Reason.INCOMPATIBLE, what + ": " + refusal(response));
            default -> throw new TransportException(Reason.FAILED, what + ": HTTP " + response.statusCode() + " "
                    + refusal(response));
        }
    }

    /**
     * Notifies a downstream at {@code address}; returns the Win32 result its repsTo entry records: 0, 1722
     * RPC_S_SERVER_UNAVAILABLE (not reachable), 8440 ERROR_DS_DRA_BAD_NC (it does not know the group or
     * connection), 5 ERROR_ACCESS_DENIED (token refused), 1726 RPC_S_CALL_FAILED (anything else).
     */
    public Win32Error notify(URI address, PeerProtocol.Notify notify) throws InterruptedException {
        try {
            HttpResponse<byte[]> response = http.send(request(address.resolve(PeerProtocol.NOTIFY_PATH), notify)
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            return switch (response.statusCode()) {
                case 200 -> Win32Error.ERROR_SUCCESS;
                case 404 -> Win32Error.ERROR_DS_DRA_BAD_NC;
                case 401, 403 -> Win32Error.ERROR_ACCESS_DENIED;
                default -> Win32Error.RPC_S_CALL_FAILED;
            };
        } catch (IOException e) {
            return unreachable(e) ? Win32Error.RPC_S_SERVER_UNAVAILABLE : Win32Error.RPC_S_CALL_FAILED;
        }
    }

    private HttpRequest.Builder request(URI uri, Object message) {
        return HttpRequest.newBuilder(uri).timeout(timeout).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(PeerProtocol.write(message)));
    }

    private static boolean unreachable(IOException e) {
        return e instanceof ConnectException || e instanceof HttpConnectTimeoutException
                || e instanceof HttpTimeoutException || e.getCause() instanceof ConnectException;
    }

    private static String refusal(HttpResponse<byte[]> response) {
        try {
            return PeerProtocol.read(response.body(), PeerProtocol.Refusal.class, "refusal").message();
        } catch (PeerRefusal e) {
            return new String(response.body(), 0, Math.min(200, response.body().length), StandardCharsets.UTF_8);
        }
    }
}
