package org.replprov.protocol.cimxml;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * UTF-8 XML text straight into a byte buffer: markup, escaped character data and escaped attribute values.
 *
 * <p>Serialization speed is a product requirement (100 000 instances per second), so this avoids a
 * {@code Writer}/{@code CharsetEncoder} pair and the per-call checks of {@code XMLStreamWriter}: markup is ASCII and
 * copied byte by byte, text is escaped and encoded in one pass.
 *
 * <p>Characters XML 1.0 cannot carry at all (most C0 controls, unpaired surrogates, U+FFFE/U+FFFF) are written as
 * U+FFFD: no escape exists for them, and a response that a client cannot parse helps no one.
 */
final class XmlOutput {

    private static final byte[] AMP = ascii("&amp;");
    private static final byte[] LT = ascii("&lt;");
    private static final byte[] GT = ascii("&gt;");
    private static final byte[] QUOT = ascii("&quot;");
    private static final byte[] TAB = ascii("&#9;");
    private static final byte[] LF = ascii("&#10;");
    private static final byte[] CR = ascii("&#13;");
    private static final char REPLACEMENT = '\uFFFD';

    private final OutputStream out;
    private final byte[] buf = new byte[16 * 1024];
    private int pos;

    XmlOutput(OutputStream out) {
        this.out = out;
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** Markup known to be ASCII. */
    XmlOutput raw(String ascii) {
        plain(ascii, ascii.length());
        return this;
    }

    XmlOutput raw(byte[] bytes) {
        if (bytes.length > buf.length - pos) {
            drain();
            if (bytes.length > buf.length) {
                write(bytes, bytes.length);
                return this;
            }
        }
        System.arraycopy(bytes, 0, buf, pos, bytes.length);
        pos += bytes.length;
        return this;
    }

    /** Character data: {@code & < >} and CR escaped. */
    XmlOutput text(String s) {
        return escaped(s, false);
    }

    /** An attribute value for a double-quoted attribute: also {@code "}, TAB and LF escaped. */
    XmlOutput attribute(String s) {
        return escaped(s, true);
    }

    private XmlOutput escaped(String s, boolean inAttribute) {
        int n = s.length();
        int start = plainPrefix(s, n);
        if (start > 0) {
            plain(s, start);
        }
        for (int i = start; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x80) {
                switch (c) {
                    case '&' -> raw(AMP);
                    case '<' -> raw(LT);
                    case '>' -> raw(GT);
                    case '"' -> {
                        if (inAttribute) {
                            raw(QUOT);
                        } else {
                            put((byte) c);
                        }
                    }
                    default -> put((byte) c);
                }
            } else if (c < 0x20) {
                switch (c) {
                    case '\t' -> {
                        if (inAttribute) {
                            raw(TAB);
                        } else {
                            put((byte) c);
                        }
                    }
                    case '\n' -> {
                        if (inAttribute) {
                            raw(LF);
                        } else {
                            put((byte) c);
                        }
                    }
                    case '\r' -> raw(CR);
                    default -> utf8(REPLACEMENT);
                }
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                codePoint(Character.toCodePoint(c, s.charAt(++i)));
            } else if (Character.isSurrogate(c) || c == '\uFFFE' || c == '\uFFFF') {
                utf8(REPLACEMENT);
            } else {
                utf8(c);
            }
        }
        return this;
    }

    /** How many leading characters need no escaping and are ASCII: most values are entirely so. */
    private static int plainPrefix(String s, int n) {
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c < 0x20 || c >= 0x80 || c == '&' || c == '<' || c == '>' || c == '"') {
                break;
            }
            i++;
        }
        return i;
    }

    /** Copies the first {@code n} characters of {@code s}, known to be plain ASCII, in bulk. */
    @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int) is exactly an ASCII copy
    private void plain(String s, int n) {
        int done = 0;
        while (done < n) {
            if (pos == buf.length) {
                drain();
            }
            int k = Math.min(n - done, buf.length - pos);
            s.getBytes(done, done + k, buf, pos);
            pos += k;
            done += k;
        }
    }

    private void utf8(char c) {
        if (c < 0x800) {
            put((byte) (0xC0 | (c >> 6)));
            put((byte) (0x80 | (c & 0x3F)));
        } else {
            put((byte) (0xE0 | (c >> 12)));
            put((byte) (0x80 | ((c >> 6) & 0x3F)));
            put((byte) (0x80 | (c & 0x3F)));
        }
    }

    private void codePoint(int cp) {
        put((byte) (0xF0 | (cp >> 18)));
        put((byte) (0x80 | ((cp >> 12) & 0x3F)));
        put((byte) (0x80 | ((cp >> 6) & 0x3F)));
        put((byte) (0x80 | (cp & 0x3F)));
    }

    private void put(byte b) {
        if (pos == buf.length) {
            drain();
        }
        buf[pos++] = b;
    }

    /** Hands the buffered bytes to the stream. */
    void drain() {
        write(buf, pos);
        pos = 0;
    }

    private void write(byte[] bytes, int length) {
        try {
            out.write(bytes, 0, length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Forgets the bytes not yet drained, for a response being replaced. */
    void discard() {
        pos = 0;
    }
}
