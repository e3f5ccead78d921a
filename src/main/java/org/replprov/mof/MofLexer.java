package org.replprov.mof;

import org.replprov.cim.CimName;

/**
 * Splits MOF text into {@link MofToken}s, one at a time (DSP0004 ANNEX A, the lexical productions).
 *
 * <p>Skips white space and both comment forms. Reads identifiers and aliases ({@code $name}); string literals with
 * the escapes {@code \b \t \n \f \r \" \' \\} and {@code \x}/{@code \X} followed by one to four hex digits; character
 * literals; integers in decimal, hexadecimal ({@code 0x}), binary ({@code 101b}) and octal ({@code 0777}) form with an
 * optional sign; reals ({@code -1.5e3}); {@code #pragma}; and the punctuation of the grammar.
 *
 * <p>Every token is bounded: identifiers by {@link CimName#MAX_LENGTH}, string literals by
 * {@link #MAX_STRING_LENGTH}, numbers by {@link #MAX_NUMBER_LENGTH} characters (which also keeps big-number parsing
 * cheap).
 */
public final class MofLexer {

    /** The longest string value, after escapes and concatenation, that the compiler accepts. */
    public static final int MAX_STRING_LENGTH = 1 << 20;

    /** The longest number literal; the longest meaningful one, a 64-bit binary literal with sign, has 66. */
    public static final int MAX_NUMBER_LENGTH = 100;

    private final MofSource source;
    private final String text;
    private int pos;
    private int line = 1;
    private int lineStart;

    MofLexer(MofSource source) {
        this.source = source;
        this.text = source.text();
    }

    /** A lexer over {@code text}, which errors call {@code file}. */
    public MofLexer(String file, String text) {
        this(new MofSource(file, text));
    }

    /**
     * The next token; {@link MofToken.Kind#EOF} at the end, as often as asked.
     *
     * @throws MofParseException for a character or literal that is not MOF
     */
    public MofToken next() {
        skipSpaceAndComments();
        SourceLocation start = location();
        if (pos >= text.length()) {
            return new MofToken(MofToken.Kind.EOF, "", start);
        }
        char c = text.charAt(pos);
        MofToken.Kind punctuation = punctuation(c);
        if (punctuation != null) {
            pos++;
            return new MofToken(punctuation, String.valueOf(c), start);
        }
        if (CimName.isIdentifierStart(c)) {
            return new MofToken(MofToken.Kind.IDENTIFIER, identifier(), start);
        }
        if (c == '$') {
            pos++;
            if (pos >= text.length() || !CimName.isIdentifierStart(text.charAt(pos))) {
                throw source.error(start, "'$' must start an alias name such as $Alias");
            }
            return new MofToken(MofToken.Kind.ALIAS, identifier(), start);
        }
        if (c == '"') {
            return new MofToken(MofToken.Kind.STRING, stringLiteral(), start);
        }
        if (c == '\'') {
            return new MofToken(MofToken.Kind.CHAR, charLiteral(), start);
        }
        if (isDigit(c) || (c == '+' || c == '-' || c == '.') && startsNumber(pos + 1)) {
            return number(start);
        }
        if (c == '#') {
            if (text.startsWith("#pragma", pos) && !isIdentifierPartAt(pos + 7)) {
                pos += 7;
                return new MofToken(MofToken.Kind.PRAGMA, "#pragma", start);
            }
            throw source.error(start, "'#' must start '#pragma'");
        }
        throw source.error(start, "unexpected character " + show(c));
    }

    private static MofToken.Kind punctuation(char c) {
        return switch (c) {
            case '{' -> MofToken.Kind.LBRACE;
            case '}' -> MofToken.Kind.RBRACE;
            case '(' -> MofToken.Kind.LPAREN;
            case ')' -> MofToken.Kind.RPAREN;
            case '[' -> MofToken.Kind.LBRACKET;
            case ']' -> MofToken.Kind.RBRACKET;
            case ';' -> MofToken.Kind.SEMICOLON;
            case ',' -> MofToken.Kind.COMMA;
            case ':' -> MofToken.Kind.COLON;
            case '=' -> MofToken.Kind.EQUALS;
            default -> null;
        };
    }

    // ---- white space and comments -----------------------------------------------------------------------------

    private void skipSpaceAndComments() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\n' || c == '\r') {
                newline();
            } else if (c == ' ' || c == '\t' || c == '\f' || c == '\uFEFF') {
                pos++;
            } else if (text.startsWith("//", pos)) {
                while (pos < text.length() && text.charAt(pos) != '\n' && text.charAt(pos) != '\r') {
                    pos++;
                }
            } else if (text.startsWith("/*", pos)) {
                SourceLocation start = location();
                pos += 2;
                while (!text.startsWith("*/", pos)) {
                    if (pos >= text.length()) {
                        throw source.error(start, "unterminated comment: '/*' without '*/'");
                    }
                    if (text.charAt(pos) == '\n' || text.charAt(pos) == '\r') {
                        newline();
                    } else {
                        pos++;
                    }
                }
                pos += 2;
            } else {
                return;
            }
        }
    }

    /** Consumes one line break (LF, CR LF or CR) at {@code pos}. */
    private void newline() {
        if (text.startsWith("\r\n", pos)) {
            pos++;
        }
        pos++;
        line++;
        lineStart = pos;
    }

    private SourceLocation location() {
        return new SourceLocation(source.name(), line, pos - lineStart + 1);
    }

    // ---- identifiers ------------------------------------------------------------------------------------------

    /** DSP0004 ANNEX A: {@code IDENTIFIER = firstIdentifierChar *( nextIdentifierChar )}. */
    private String identifier() {
        SourceLocation start = location();
        int from = pos;
        pos++;
        while (isIdentifierPartAt(pos)) {
            pos++;
        }
        if (pos - from > CimName.MAX_LENGTH) {
            throw source.error(start, "name longer than " + CimName.MAX_LENGTH + " characters");
        }
        return text.substring(from, pos);
    }

    private boolean isIdentifierPartAt(int i) {
        return i < text.length() && CimName.isIdentifierPart(text.charAt(i));
    }

    // ---- strings and characters -------------------------------------------------------------------------------

    /** DSP0004 ANNEX A: {@code stringValue = DQUOTE *( stringChar / stringEscapeSequence ) DQUOTE}. */
    private String stringLiteral() {
        SourceLocation start = location();
        pos++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= text.length() || text.charAt(pos) == '\n' || text.charAt(pos) == '\r') {
                throw source.error(start, "unterminated string: no closing '\"' on this line");
            }
            char c = text.charAt(pos);
            if (c == '"') {
                pos++;
                return sb.toString();
            }
            sb.append(c == '\\' ? escape() : text.charAt(pos++));
            if (sb.length() > MAX_STRING_LENGTH) {
                throw source.error(start, "string longer than " + MAX_STRING_LENGTH + " characters");
            }
        }
    }

    /** DSP0004 ANNEX A: {@code charValue = "'" ( char16Char / escapeSequence ) "'"}. */
    private String charLiteral() {
        SourceLocation start = location();
        pos++;
        if (pos >= text.length() || text.charAt(pos) == '\'' || text.charAt(pos) == '\n'
                || text.charAt(pos) == '\r') {
            throw source.error(start, "a character literal holds exactly one character");
        }
        char c = text.charAt(pos) == '\\' ? escape() : text.charAt(pos++);
        if (pos >= text.length() || text.charAt(pos) != '\'') {
            throw source.error(start, "a character literal holds exactly one character; expected closing \"'\"");
        }
        pos++;
        return String.valueOf(c);
    }

    /** One escape sequence at {@code pos} (which holds the backslash); returns the character it stands for. */
    private char escape() {
        SourceLocation start = location();
        pos++;
        if (pos >= text.length()) {
            throw source.error(start, "incomplete escape sequence");
        }
        char c = text.charAt(pos++);
        switch (c) {
            case 'b': return '\b';
            case 't': return '\t';
            case 'n': return '\n';
            case 'f': return '\f';
            case 'r': return '\r';
            case '"': return '"';
            case '\'': return '\'';
            case '\\': return '\\';
            case 'x':
            case 'X':
                int value = 0;
                int digits = 0;
                while (digits < 4 && pos < text.length() && Character.digit(text.charAt(pos), 16) >= 0
                        && text.charAt(pos) < 0x80) {
                    value = value * 16 + Character.digit(text.charAt(pos++), 16);
                    digits++;
                }
                if (digits == 0) {
                    throw source.error(start, "'\\" + c + "' must be followed by one to four hex digits");
                }
                return (char) value;
            default:
                throw source.error(start, "unknown escape sequence: a backslash before " + show(c)
                        + "; use \\b \\t \\n \\f \\r \\\" \\' \\\\ or \\x with hex digits");
        }
    }

    // ---- numbers ----------------------------------------------------------------------------------------------

    private boolean startsNumber(int i) {
        return i < text.length() && (isDigit(text.charAt(i))
                || text.charAt(i) == '.' && i + 1 < text.length() && isDigit(text.charAt(i + 1)));
    }

    /**
     * DSP0004 ANNEX A:
     * <pre>
     * integerValue = binaryValue / octalValue / decimalValue / hexValue
     * binaryValue  = [ "+" / "-" ] 1*binaryDigit ( "b" / "B" )
     * octalValue   = [ "+" / "-" ] "0" 1*octalDigit
     * decimalValue = [ "+" / "-" ] ( positiveDecimalDigit *decimalDigit / "0" )
     * hexValue     = [ "+" / "-" ] ( "0x" / "0X" ) 1*hexDigit
     * realValue    = [ "+" / "-" ] *decimalDigit "." 1*decimalDigit [ ( "e" / "E" ) [ "+" / "-" ] 1*decimalDigit ]
     * </pre>
     */
    private MofToken number(SourceLocation start) {
        int from = pos;
        if (text.charAt(pos) == '+' || text.charAt(pos) == '-') {
            pos++;
        }
        MofToken.Kind kind = MofToken.Kind.INTEGER;
        if (text.startsWith("0x", pos) || text.startsWith("0X", pos)) {
            pos += 2;
            int digitsFrom = pos;
            while (pos < text.length() && Character.digit(text.charAt(pos), 16) >= 0 && text.charAt(pos) < 0x80) {
                pos++;
            }
            if (pos == digitsFrom) {
                throw malformed(start, from);
            }
        } else {
            int digitsFrom = pos;
            skipDigits();
            String digits = text.substring(digitsFrom, pos);
            if (pos < text.length() && text.charAt(pos) == '.') {
                kind = MofToken.Kind.REAL;
                pos++;
                if (!startsNumber(pos) || text.charAt(pos) == '.') {
                    throw malformed(start, from);
                }
                skipDigits();
                if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
                    pos++;
                    if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                        pos++;
                    }
                    if (!startsNumber(pos) || text.charAt(pos) == '.') {
                        throw malformed(start, from);
                    }
                    skipDigits();
                }
            } else if (pos < text.length() && (text.charAt(pos) == 'b' || text.charAt(pos) == 'B')
                    && digits.chars().allMatch(d -> d == '0' || d == '1')) {
                pos++;
            } else if (digits.length() > 1 && digits.startsWith("0")
                    && !digits.chars().allMatch(d -> d >= '0' && d <= '7')) {
                throw source.error(start,
                        "'" + MofToken.abbreviate(digits) + "' is not an octal number (a leading 0 means octal)");
            }
        }
        if (isIdentifierPartAt(pos) || pos < text.length() && text.charAt(pos) == '.') {
            throw malformed(start, from);
        }
        if (pos - from > MAX_NUMBER_LENGTH) {
            throw source.error(start, "number longer than " + MAX_NUMBER_LENGTH + " characters");
        }
        return new MofToken(kind, text.substring(from, pos), start);
    }

    private void skipDigits() {
        while (pos < text.length() && isDigit(text.charAt(pos))) {
            pos++;
        }
    }

    private MofParseException malformed(SourceLocation start, int from) {
        int end = pos;
        while (isIdentifierPartAt(end) || end < text.length() && text.charAt(end) == '.') {
            end++;
        }
        String shown = MofToken.abbreviate(text.substring(from, Math.min(end, from + 41)));
        return source.error(start, "malformed number '" + shown + "'");
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** A character for a message: printable ones as themselves, others as U+XXXX. */
    private static String show(char c) {
        return c >= 0x20 && c < 0x7F ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }
}
