package org.replprov.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, byte for byte: what a test needs to send malformed, oversized or deliberately slow
 * requests that HTTP client libraries refuse to produce, and to see the response exactly as sent.
 */
public final class RawHttp implements AutoCloseable {

    /** A response: status, headers (names lower-cased), decoded body. */
    public record Response(int status, Map<String, String> headers, byte[] body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public RawHttp(int port) throws IOException {
        this(port, "127.0.0.1");
    }

    /**
     * A connection from the loopback address {@code from} ({@code 127.0.0.2}, …): on Linux every address of
     * 127.0.0.0/8 is local, so one test can play several client addresses.
     */
    public RawHttp(int port, String from) throws IOException {
        socket = new Socket();
        socket.bind(new InetSocketAddress(from, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(20_000);
        in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        out = socket.getOutputStream();
    }

    public Socket socket() {
        return socket;
    }

    public void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    public void send(String text) throws IOException {
        send(text.getBytes(StandardCharsets.UTF_8));
    }

    /** One request with a correct Content-Length; {@code head} holds the request line and headers, CRLF-ended. */
    public Response exchange(String head, byte[] body) throws IOException {
        byte[] h = (head + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] request = new byte[h.length + body.length];
        System.arraycopy(h, 0, request, 0, h.length);
        System.arraycopy(body, 0, request, h.length, body.length);
        send(request);
        return read();
    }

    /** Reads the status line and headers of a response, leaving the body unread; the body is empty. */
    public Response readHead() throws IOException {
        String statusLine = line();
        String[] parts = statusLine.split(" ", 3);
        int status = Integer.parseInt(parts[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String h = line(); !h.isEmpty(); h = line()) {
            int colon = h.indexOf(':');
            headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
        }
        return new Response(status, headers, new byte[0]);
    }

    /** The body's input stream, for reading a streamed response as it comes. */
    public InputStream input() {
        return in;
    }

    /**
     * Reads the body of a response whose head {@link #readHead} read, keeping none of it (for measuring large
     * answers without the cost of holding them).
     *
     * @return the body's length
     */
    public long discardBody(Response head) throws IOException {
        if ("chunked".equalsIgnoreCase(head.header("Transfer-Encoding"))) {
            long total = 0;
            for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0;
                    size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
                in.skipNBytes(size);
                total += size;
                line();
            }
            while (!line().isEmpty()) {
                // trailers
            }
            return total;
        }
        long length = Long.parseLong(head.header("Content-Length"));
        in.skipNBytes(length);
        return length;
    }

    /** Reads one response (Content-Length, chunked, or until the connection closes). */
    public Response read() throws IOException {
        Response head = readHead();
        int status = head.status();
        Map<String, String> headers = head.headers();
        byte[] body;
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0;
                    size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
                b.write(in.readNBytes(size));
                line();
            }
            while (!line().isEmpty()) {
                // trailers
            }
            body = b.toByteArray();
        } else if (headers.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        } else {
            body = status == 204 || status == 304 ? new byte[0] : in.readAllBytes();
        }
        return new Response(status, headers, body);
    }

    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new EOFException("connection closed; read so far: " + b.toString(StandardCharsets.ISO_8859_1));
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    /** True when the server closed the connection (a read returns end of stream or a reset). */
    public boolean closedByServer() {
        try {
            return in.read() < 0;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
