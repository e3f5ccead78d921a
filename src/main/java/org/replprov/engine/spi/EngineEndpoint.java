package org.replprov.engine.spi;

import java.util.Objects;
import java.util.Set;

/**
 * An HTTP endpoint an engine serves on the daemon's listener, under {@code /api/v1/}{@link #prefix()} (the embedded
 * engine's peer protocol, docs/engines.md). It knows nothing of the HTTP server: the daemon authenticates the caller,
 * checks the method and the role {@link #access} asks for, reads the body within its size limit, and sends back what
 * {@link #handle} returns. Refusals the daemon makes before that are worded by {@link #refuse}, so that the endpoint's
 * clients read every answer in their own protocol.
 *
 * <p>A POST to an endpoint carries JSON and must say so ({@code Content-Type: application/json}): that is what keeps
 * a browser's cross-site form from reaching it.
 */
public interface EngineEndpoint {

    /**
     * The path segment under {@code /api/v1/} the endpoint owns: it answers {@code /api/v1/<prefix>} and every path
     * below. Lower-case letters and digits; it also labels the endpoint's requests in the metrics.
     */
    String prefix();

    /** The HTTP methods it answers; others are refused with {@link Refusal#METHOD_NOT_ALLOWED}. */
    Set<String> methods();

    /** Who may send a request to {@code path}. */
    Access access(String path);

    /**
     * Answers a request the daemon admitted: {@code method} is one of {@link #methods()}, the caller holds what
     * {@link #access} asked for, and {@code body} is complete. Malformed requests are answered, never thrown.
     */
    Response handle(String method, String path, byte[] body);

    /** The endpoint's wording of a refusal the daemon makes before {@link #handle}; its status is the refusal's. */
    Response refuse(Refusal refusal, String message);

    /** What a caller needs. */
    enum Access {
        /** No account: the request proves itself otherwise (the peer protocol's notification carries a token). */
        ANYONE,
        /** An authenticated daemon user with the reader role. */
        READER,
        /** An authenticated daemon user with the operator role. */
        OPERATOR
    }

    /** Why the daemon refused a request before the endpoint saw it. */
    enum Refusal {
        /** The method is not one of {@link #methods()} (RFC 9110 §15.5.6). */
        METHOD_NOT_ALLOWED(405),
        /** The caller lacks the role {@link #access} asked for (RFC 9110 §15.5.4). */
        FORBIDDEN(403),
        /** The body is over the daemon's limit (RFC 9110 §15.5.14). */
        CONTENT_TOO_LARGE(413);

        private final int status;

        Refusal(int status) {
            this.status = status;
        }

        /** The HTTP status it is answered with. */
        public int status() {
            return status;
        }
    }

    /** An answer: HTTP status, media type and body. */
    record Response(int status, String contentType, byte[] body) {
        public Response {
            Objects.requireNonNull(contentType, "contentType");
            body = body.clone();
        }

        @Override
        public byte[] body() {
            return body.clone();
        }
    }
}
