package org.replprov.server.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Small complete responses, and reading request bodies within a size limit. */
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

    /** A request body larger than the configured limit. */
    public static final class TooLargeException extends IOException {
        public TooLargeException(String message) {
            super(message);
        }
    }

    /**
     * The request body, refusing more than {@code max} bytes: at once when {@code Content-Length} says so, else
     * after reading {@code max + 1} bytes of a chunked body.
     *
     * @throws TooLargeException for a body over the limit
     */
    public static byte[] readBody(Exchange ex, int max) throws IOException {
        String declared = ex.requestHeader("Content-Length");
        if (declared != null) {
            long length;
            try {
                length = Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                length = -1;
            }
            if (length > max) {
                throw new TooLargeException("the request body of " + length + " bytes exceeds the limit of " + max);
            }
        }
        // Not closed here: closing a partly read body makes the JDK server drop the connection before the 413.
        InputStream in = ex.requestBody();
        byte[] body = in.readNBytes(max + 1);
        if (body.length > max) {
            throw new TooLargeException("the request body exceeds the limit of " + max + " bytes");
        }
        return body;
    }
}
