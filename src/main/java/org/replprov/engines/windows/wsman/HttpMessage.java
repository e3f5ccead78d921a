package org.replprov.engines.windows.wsman;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One HTTP/1.1 message (RFC 9112) read from or written to a connection, for the NTLM transport, which must keep its
 * own connection (WinRM binds the NTLM context to it). Reading is bounded: the head (start line, fields, trailers) to
 * {@link #MAX_HEAD} bytes and {@link #MAX_FIELDS} fields, the body to the caller's limit whether framed by
 * Content-Length, chunked, or (a response) the connection's end. A malformed message is a
 * {@link WsmanException} naming the byte offset.
 *
 * @param startLine the request or status line
 * @param fields the header fields in order, each {name, value}
 * @param body the body, decoded from chunks
 */
record HttpMessage(String startLine, List<String[]> fields, byte[] body) {

    static final int MAX_HEAD = 64 << 10;
    static final int MAX_FIELDS = 100;
    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.([01]) ([1-9][0-9]{2})(?: .*)?");
    private static final Pattern REQUEST_LINE = Pattern.compile("([A-Z]+) (\\S+) HTTP/1\\.([01])");
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    /** The peer closed the connection (or reset it) before the first byte of a message. */
    static final class Closed extends IOException {
        Closed(Throwable cause) {
            super("the connection was closed before a message began", cause);
        }
    }

    /** The first value of a field, by case-insensitive name. */
    Optional<String> field(String name) {
        return fields.stream().filter(f -> f[0].equalsIgnoreCase(name)).map(f -> f[1]).findFirst();
    }

    /** Every value of a field, in the order received. */
    List<String> fieldValues(String name) {
        return fields.stream().filter(f -> f[0].equalsIgnoreCase(name)).map(f -> f[1]).toList();
    }

    /** A response's status code. */
    int status() {
        return Integer.parseInt(startLine.substring(9, 12));
    }

    /** Whether the connection stays open after this message (RFC 9112 §9.3). */
    boolean keepAlive() {
        String connection = String.join(",", fieldValues("Connection")).toLowerCase(Locale.ROOT);
        boolean http10 = startLine.startsWith("HTTP/1.0") || startLine.endsWith("HTTP/1.0");
        return http10 ? connection.contains("keep-alive") : !connection.contains("close");
    }

    /** Writes a message with a Content-Length; the fields must not hold CR or LF. */
    static void write(OutputStream out, String startLine, List<String[]> fields, byte[] body) throws IOException {
        StringBuilder head = new StringBuilder(startLine).append("\r\n");
        for (String[] f : fields) {
            head.append(f[0]).append(": ").append(f[1]).append("\r\n");
        }
        head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    /**
     * Reads one message; interim (1xx) responses are skipped.
     *
     * @param response a response (a body without framing runs to the connection's end) or a request (no body then)
     * @param maxBody the largest body accepted
     * @throws Closed when the connection ends before the message's first byte
     * @throws WsmanException MALFORMED when the message breaks RFC 9112 or a limit
     * @throws IOException when reading fails (a {@link SocketTimeoutException} on timeout)
     */
    static HttpMessage read(InputStream in, boolean response, int maxBody) throws IOException, WsmanException {
        while (true) {
            HttpMessage m = new Reader(in).message(response, maxBody);
            if (!response || m.status() >= 200) {
                return m;
            }
        }
    }

    /** One message's reading, counting bytes for the error offsets. */
    private static final class Reader {
        private final InputStream in;
        private long pos;
        private int headBytes;

        Reader(InputStream in) {
            this.in = in;
        }

        HttpMessage message(boolean response, int maxBody) throws IOException, WsmanException {
            String start = line();
            Matcher sm = (response ? STATUS_LINE : REQUEST_LINE).matcher(start);
            if (!sm.matches()) {
                throw malformed(0, "not an HTTP/1.1 " + (response ? "status" : "request") + " line: '"
                        + shorten(start) + "'");
            }
            List<String[]> fields = fields();
            HttpMessage head = new HttpMessage(start, fields, new byte[0]);
            List<String> codings = head.fieldValues("Transfer-Encoding");
            List<String> lengths = head.fieldValues("Content-Length");
            byte[] body;
            if (!codings.isEmpty()) {
                String all = String.join(",", codings).strip().toLowerCase(Locale.ROOT);
                if (!all.equals("chunked")) {
                    throw malformed(pos, "unsupported Transfer-Encoding '" + shorten(all) + "'");
                }
                body = chunked(maxBody, fields);
            } else if (!lengths.isEmpty()) {
                body = exactly(contentLength(lengths, maxBody));
            } else if (response && !noBody(head.status())) {
                body = toEnd(maxBody);
            } else {
                body = new byte[0];
            }
            return new HttpMessage(start, List.copyOf(fields), body);
        }

        private static boolean noBody(int status) {
            return status < 200 || status == 204 || status == 304;
        }

        private List<String[]> fields() throws IOException, WsmanException {
            List<String[]> fields = new ArrayList<>();
            while (true) {
                long at = pos;
                String line = line();
                if (line.isEmpty()) {
                    return fields;
                }
                int colon = line.indexOf(':');
                if (colon <= 0 || !TOKEN.matcher(line.substring(0, colon)).matches()) {
                    throw malformed(at, "not a header field: '" + shorten(line) + "'");
                }
                if (fields.size() == MAX_FIELDS) {
                    throw malformed(at, "more than " + MAX_FIELDS + " header fields");
                }
                fields.add(new String[] {line.substring(0, colon), line.substring(colon + 1).strip()});
            }
        }

        private int contentLength(List<String> values, int maxBody) throws WsmanException {
            String first = values.get(0).strip();
            for (String v : values) {
                if (!v.strip().equals(first)) {
                    throw malformed(pos, "conflicting Content-Length values");
                }
            }
            if (!first.matches("[0-9]{1,12}")) {
                throw malformed(pos, "Content-Length '" + shorten(first) + "' is not a length");
            }
            long n = Long.parseLong(first);
            if (n > maxBody) {
                throw WsmanException.tooLarge("the answer's body of " + n + " bytes is larger than " + maxBody
                        + " bytes");
            }
            return (int) n;
        }

        private byte[] chunked(int maxBody, List<String[]> fields) throws IOException, WsmanException {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                long at = pos;
                String line = line();
                int semi = line.indexOf(';');
                String size = (semi >= 0 ? line.substring(0, semi) : line).strip();
                if (!size.matches("[0-9A-Fa-f]{1,8}")) {
                    throw malformed(at, "not a chunk size: '" + shorten(line) + "'");
                }
                long n = Long.parseLong(size, 16);
                if (n == 0) {
                    fields.addAll(fields()); // trailers, within the head's limits
                    return body.toByteArray();
                }
                if (body.size() + n > maxBody) {
                    throw WsmanException.tooLarge("the answer's body is larger than " + maxBody + " bytes");
                }
                body.writeBytes(exactly((int) n));
                long crlf = pos;
                if (!line().isEmpty()) {
                    throw malformed(crlf, "a chunk's data is not followed by CRLF");
                }
            }
        }

        private byte[] exactly(int n) throws IOException, WsmanException {
            byte[] b = in.readNBytes(n);
            pos += b.length;
            if (b.length < n) {
                throw malformed(pos, "the connection ended " + (n - b.length) + " bytes before the body's end");
            }
            return b;
        }

        private byte[] toEnd(int maxBody) throws IOException, WsmanException {
            byte[] b = in.readNBytes(maxBody + 1);
            pos += b.length;
            if (b.length > maxBody) {
                throw WsmanException.tooLarge("the answer's body is larger than " + maxBody + " bytes");
            }
            return b;
        }

        /** A line ending in CRLF, without it; counted in the head's limit. */
        private String line() throws IOException, WsmanException {
            ByteArrayOutputStream line = new ByteArrayOutputStream(80);
            while (true) {
                int c;
                try {
                    c = in.read();
                } catch (SocketTimeoutException e) {
                    throw e;
                } catch (IOException e) {
                    if (pos == 0) {
                        throw new Closed(e);
                    }
                    throw e;
                }
                if (c < 0) {
                    if (pos == 0) {
                        throw new Closed(null);
                    }
                    throw malformed(pos, "the connection ended within the message's head");
                }
                pos++;
                if (++headBytes > MAX_HEAD) {
                    throw malformed(pos, "the head is longer than " + MAX_HEAD + " bytes");
                }
                if (c == '\n') {
                    byte[] b = line.toByteArray();
                    if (b.length == 0 || b[b.length - 1] != '\r') {
                        throw malformed(pos - 1, "a line ends in LF without CR");
                    }
                    return new String(b, 0, b.length - 1, StandardCharsets.ISO_8859_1);
                }
                line.write(c);
            }
        }

        private static WsmanException malformed(long at, String message) {
            return WsmanException.malformed("HTTP message at byte " + at + ": " + message);
        }

        private static String shorten(String s) {
            return s.length() <= 80 ? s : s.substring(0, 80) + "…";
        }
    }
}
