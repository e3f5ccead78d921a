package org.replprov.wql;

import java.util.ArrayList;
import java.util.List;

import org.replprov.cim.CimName;
import org.replprov.cim.WbemStatus;
import org.replprov.wql.WqlToken.Type;

/**
 * Splits query text into {@link WqlToken}s. Keywords are case-insensitive; identifiers follow DSP0004 (a letter,
 * underscore or U+0080..U+FFEF, then also digits). Strings take single or double quotes, and a backslash escapes the
 * quote, another backslash, or the other quote (WMI SDK "WQL Operators", MS-WMI §2.2.1.1); any other backslash is an
 * ordinary character, so {@code 'C:\Windows'} means what it says. An object path between braces is one token, so
 * that its quotes and backslashes are read by the path parser, not here.
 */
final class WqlLexer {

    private final String source;
    private final List<WqlToken> tokens = new ArrayList<>();
    private int start;
    private int current;

    WqlLexer(String source) {
        this.source = source;
    }

    /**
     * The tokens of the whole query, ending with {@link Type#EOF}.
     *
     * @throws WqlParseException WBEM_E_INVALID_QUERY for a character that starts no token, an unterminated string or
     *     path, or a malformed number
     */
    List<WqlToken> tokens() {
        while (!atEnd()) {
            start = current;
            scanToken();
        }
        tokens.add(new WqlToken(Type.EOF, "", "", source.length() + 1));
        return tokens;
    }

    private void scanToken() {
        char c = advance();
        switch (c) {
            case ' ', '\t', '\r', '\n' -> { }
            case '*' -> add(Type.STAR);
            case ',' -> add(Type.COMMA);
            case '.' -> add(Type.DOT);
            case '(' -> add(Type.LEFT_PAREN);
            case ')' -> add(Type.RIGHT_PAREN);
            case '=' -> add(Type.EQUAL);
            case '!' -> {
                if (!match('=')) {
                    throw error("'!' must be followed by '='");
                }
                add(Type.NOT_EQUAL);
            }
            case '<' -> add(match('=') ? Type.LESS_OR_EQUAL : match('>') ? Type.NOT_EQUAL : Type.LESS);
            case '>' -> add(match('=') ? Type.GREATER_OR_EQUAL : Type.GREATER);
            case '\'', '"' -> string(c);
            case '{' -> objectPath();
            default -> {
                if (isDigit(c) || ((c == '-' || c == '+') && isDigit(peek()))) {
                    number();
                } else if (CimName.isIdentifierStart(c)) {
                    identifier();
                } else {
                    throw error("unexpected character '" + c + "'");
                }
            }
        }
    }

    private void string(char quote) {
        StringBuilder value = new StringBuilder();
        while (!atEnd() && peek() != quote) {
            char c = advance();
            if (c == '\\' && (peek() == '\'' || peek() == '"' || peek() == '\\')) {
                c = advance();
            }
            value.append(c);
        }
        if (atEnd()) {
            throw error("unterminated string");
        }
        advance();
        tokens.add(new WqlToken(Type.STRING, text(), value.toString(), start + 1));
    }

    /** {@code {path}}: everything up to the closing brace that is not inside a quoted key value. */
    private void objectPath() {
        char quote = 0;
        while (!atEnd()) {
            char c = advance();
            if (quote != 0) {
                if (c == '\\' && !atEnd()) {
                    advance();
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '}') {
                String text = text();
                tokens.add(new WqlToken(Type.OBJECT_PATH, text, text.substring(1, text.length() - 1), start + 1));
                return;
            }
        }
        throw error("object path without closing '}'");
    }

    /** {@code [+-] digits [. digits] [(e|E) [+-] digits]} or {@code [+-] 0x hexdigits}. */
    private void number() {
        if (source.charAt(start) == '-' || source.charAt(start) == '+') {
            current++;
        }
        if (source.charAt(current - 1) == '0' && (peek() == 'x' || peek() == 'X')) {
            current++;
            int digits = current;
            while (isHexDigit(peek())) {
                current++;
            }
            if (current == digits) {
                throw error("'0x' without hexadecimal digits");
            }
            endOfNumber(Type.INTEGER);
            return;
        }
        digits();
        Type type = Type.INTEGER;
        if (peek() == '.' && isDigit(peekNext())) {
            current++;
            digits();
            type = Type.REAL;
        }
        if (peek() == 'e' || peek() == 'E') {
            current++;
            if (peek() == '+' || peek() == '-') {
                current++;
            }
            if (!isDigit(peek())) {
                throw error("exponent without digits");
            }
            digits();
            type = Type.REAL;
        }
        endOfNumber(type);
    }

    private void digits() {
        while (isDigit(peek())) {
            current++;
        }
    }

    private void endOfNumber(Type type) {
        if (!atEnd() && CimName.isIdentifierPart(peek())) {
            while (!atEnd() && CimName.isIdentifierPart(peek())) {
                current++;
            }
            throw error("malformed number");
        }
        add(type);
    }

    private void identifier() {
        while (!atEnd() && CimName.isIdentifierPart(peek())) {
            current++;
        }
        if (current - start > CimName.MAX_LENGTH) {
            throw error("a name is longer than " + CimName.MAX_LENGTH + " characters");
        }
        add(Type.reserved(text()));
    }

    private void add(Type type) {
        String text = text();
        tokens.add(new WqlToken(type, text, text, start + 1));
    }

    private String text() {
        return source.substring(start, current);
    }

    private boolean match(char expected) {
        if (atEnd() || source.charAt(current) != expected) {
            return false;
        }
        current++;
        return true;
    }

    private char advance() {
        return source.charAt(current++);
    }

    private char peek() {
        return atEnd() ? '\0' : source.charAt(current);
    }

    private char peekNext() {
        return current + 1 >= source.length() ? '\0' : source.charAt(current + 1);
    }

    private boolean atEnd() {
        return current >= source.length();
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHexDigit(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private WqlParseException error(String what) {
        String token = source.substring(start, Math.min(Math.max(current, start + 1), source.length()));
        return new WqlParseException(WbemStatus.WBEM_E_INVALID_QUERY, what, start + 1, token);
    }
}
