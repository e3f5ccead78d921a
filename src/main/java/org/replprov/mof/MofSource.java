package org.replprov.mof;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The text of one MOF file, with its name for messages. Knows its lines so that errors can show the one they point
 * into.
 *
 * <p>Lines end at LF, CR LF or a lone CR; the lexer counts them the same way.
 */
final class MofSource {

    private final String name;
    private final String text;

    MofSource(String name, String text) {
        this.name = Objects.requireNonNull(name, "name");
        this.text = Objects.requireNonNull(text, "text");
    }

    /**
     * Decodes a file's bytes: UTF-16 when it starts with a byte-order mark (mofcomp writes such files), otherwise
     * UTF-8 with or without a mark. Malformed input is an error at the first bad byte, not a replacement character.
     */
    static MofSource decode(String name, byte[] bytes) {
        Charset charset = StandardCharsets.UTF_8;
        int skip = 0;
        if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE) {
            charset = StandardCharsets.UTF_16LE;
            skip = 2;
        } else if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF) {
            charset = StandardCharsets.UTF_16BE;
            skip = 2;
        } else if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
                && (bytes[2] & 0xFF) == 0xBF) {
            skip = 3;
        }
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, skip, bytes.length - skip);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        out.flip();
        MofSource decoded = new MofSource(name, out.toString());
        if (result.isError()) {
            throw decoded.error(decoded.endLocation(), "the file is not valid " + charset.name() + " text");
        }
        return decoded;
    }

    String name() {
        return name;
    }

    String text() {
        return text;
    }

    /** The text of line {@code line} (1-based) without its line break; "" beyond the end. */
    String line(int line) {
        int start = 0;
        for (int n = 1; n < line; n++) {
            int end = lineEnd(start);
            if (end == text.length()) {
                return "";
            }
            start = end + (text.startsWith("\r\n", end) ? 2 : 1);
        }
        return text.substring(start, lineEnd(start));
    }

    private int lineEnd(int from) {
        int i = from;
        while (i < text.length() && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
            i++;
        }
        return i;
    }

    /** The position just after the last character. */
    SourceLocation endLocation() {
        int line = 1;
        int column = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' && !text.startsWith("\r\n", i)) {
                line++;
                column = 1;
            } else if (c != '\r') {
                column++;
            }
        }
        return new SourceLocation(name, line, column);
    }

    /** The exception for a problem at {@code where}, which must lie in this source. */
    MofParseException error(SourceLocation where, String reason) {
        return new MofParseException(where, reason, line(where.line()));
    }
}
