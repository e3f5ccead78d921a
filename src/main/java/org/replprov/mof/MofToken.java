package org.replprov.mof;

import java.math.BigInteger;
import java.util.Objects;

/**
 * One lexical token of MOF (DSP0004 ANNEX A).
 *
 * <p>{@code text} is the token's value: an identifier or alias name (without {@code $}), the decoded contents of a
 * string or character literal, a number literal exactly as written, or the punctuation itself. Keywords are not
 * token kinds: MOF keywords are case-insensitive and most may also be used as names, so the parser asks
 * {@link #isKeyword} where the grammar expects one.
 */
public record MofToken(Kind kind, String text, SourceLocation location) {

    public enum Kind {
        IDENTIFIER, ALIAS, STRING, CHAR, INTEGER, REAL, PRAGMA,
        LBRACE, RBRACE, LPAREN, RPAREN, LBRACKET, RBRACKET, SEMICOLON, COMMA, COLON, EQUALS,
        EOF
    }

    public MofToken {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(location, "location");
    }

    public boolean is(Kind k) {
        return kind == k;
    }

    /** True for an identifier spelling {@code keyword}, ignoring case. */
    public boolean isKeyword(String keyword) {
        return kind == Kind.IDENTIFIER && text.equalsIgnoreCase(keyword);
    }

    /**
     * The value of an INTEGER token in whichever of the four DSP0004 forms it is written: hexadecimal
     * {@code 0x1F}, binary {@code 101b}, octal {@code 017} or decimal, each with an optional sign. The lexer has
     * checked the digits.
     */
    public BigInteger integerValue() {
        if (kind != Kind.INTEGER) {
            throw new IllegalStateException("not an integer token: " + this);
        }
        boolean negative = text.startsWith("-");
        String digits = negative || text.startsWith("+") ? text.substring(1) : text;
        BigInteger magnitude;
        if (digits.startsWith("0x") || digits.startsWith("0X")) {
            magnitude = new BigInteger(digits.substring(2), 16);
        } else if (digits.endsWith("b") || digits.endsWith("B")) {
            magnitude = new BigInteger(digits.substring(0, digits.length() - 1), 2);
        } else if (digits.length() > 1 && digits.startsWith("0")) {
            magnitude = new BigInteger(digits.substring(1), 8);
        } else {
            magnitude = new BigInteger(digits);
        }
        return negative ? magnitude.negate() : magnitude;
    }

    /** The token as an error message names it: {@code 'class'}, {@code string "abc"}, {@code end of file}. */
    public String describe() {
        return switch (kind) {
            case EOF -> "end of file";
            case STRING -> "string \"" + abbreviate(text) + "\"";
            case CHAR -> "character literal";
            case ALIAS -> "'$" + text + "'";
            case PRAGMA -> "'#pragma'";
            default -> "'" + abbreviate(text) + "'";
        };
    }

    /** {@code s} cut to 40 characters for a message. */
    static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
