package org.replprov.wql;

import java.util.Locale;
import java.util.Objects;

/**
 * One lexical unit of a query.
 *
 * @param type what kind of token
 * @param text the characters as written (quotes and braces included)
 * @param value the meaning: a string's contents with escapes resolved, an object path without its braces, and
 *     otherwise the text
 * @param column the 1-based column of the first character
 */
public record WqlToken(Type type, String text, String value, int column) {

    /** Token kinds. The reserved words are the WMI SDK keywords that may start or join a condition. */
    public enum Type {
        STAR, COMMA, DOT, LEFT_PAREN, RIGHT_PAREN,
        EQUAL, NOT_EQUAL, LESS, LESS_OR_EQUAL, GREATER, GREATER_OR_EQUAL,
        IDENTIFIER, STRING, INTEGER, REAL, OBJECT_PATH,
        SELECT, FROM, WHERE, AND, OR, NOT, IS, NULL, LIKE, ISA, TRUE, FALSE,
        EOF;

        /** The reserved word {@code word} names, if it is one. */
        static Type reserved(String word) {
            return switch (word.toUpperCase(Locale.ROOT)) {
                case "SELECT" -> SELECT;
                case "FROM" -> FROM;
                case "WHERE" -> WHERE;
                case "AND" -> AND;
                case "OR" -> OR;
                case "NOT" -> NOT;
                case "IS" -> IS;
                case "NULL" -> NULL;
                case "LIKE" -> LIKE;
                case "ISA" -> ISA;
                case "TRUE" -> TRUE;
                case "FALSE" -> FALSE;
                default -> IDENTIFIER;
            };
        }
    }

    public WqlToken {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(value, "value");
    }

    /**
     * True for an identifier spelled {@code word}, ignoring case. WITHIN, GROUP, OF, ASSOCIATORS and the association
     * keywords are recognised this way, only where they can stand, so that they remain usable as property names.
     */
    public boolean isWord(String word) {
        return type == Type.IDENTIFIER && text.equalsIgnoreCase(word);
    }

    /** True for a reserved word, which cannot name a property or class. */
    public boolean isReserved() {
        return type != Type.IDENTIFIER && Type.reserved(text) == type;
    }

    /** How an error message shows the token. */
    String shown() {
        return type == Type.EOF ? "the end of the query" : "'" + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "'";
    }
}
