package org.replprov.server.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Small complete responses. */
public final class Responses {

    private Responses() {
    }

    /** A plain-text response. */
    public static void text(Exchange ex, int status, String text) throws IOException {
        bytes(ex, status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    public static void bytes(Exchange ex, int status, String contentType, byte[] body) throws IOException {
        ex.responseHeader("Content-Type", contentType);
        try (OutputStream out = ex.respond(status, body.length)) {
            out.write(body);
        }
    }

    /** A response without a body. */
    public static void empty(Exchange ex, int status) throws IOException {
        ex.respond(status, 0).close();
    }
}
