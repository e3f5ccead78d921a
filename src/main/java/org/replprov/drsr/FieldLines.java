package org.replprov.drsr;

import java.util.Locale;

/**
 * The text layout the printers share ({@link RepsDump}, {@link UpToDateVectorDump}): one line per field with its byte
 * offset, its name and its value, so every decoded blob reads the same way.
 *
 * <pre>
 * 0x008  cb                                   267 (0x0000010B)
 * </pre>
 *
 * Strings are quoted with Java escapes, and everything outside printable ASCII is written as {@code \}{@code uXXXX},
 * so the dump of damaged data stays one readable line per field.
 */
final class FieldLines {

    /** The offset column of a line that has no offset (a derived value, an absent field). */
    static final String NO_OFFSET = "-";

    private final StringBuilder out = new StringBuilder();

    /** A line of its own, such as a title. */
    FieldLines text(String line) {
        out.append(line).append('\n');
        return this;
    }

    void line(int offset, String name, String value) {
        String hex = Integer.toHexString(offset).toUpperCase(Locale.ROOT);
        line("0x" + "0".repeat(Math.max(0, 3 - hex.length())) + hex, name, value);
    }

    /** One line: offset column 6 wide, field name column 36 wide, then the value. */
    void line(String offset, String name, String value) {
        pad(offset, 7);
        pad(name, 37);
        out.append(value).append('\n');
    }

    private void pad(String column, int width) {
        out.append(column).append(" ".repeat(Math.max(1, width - column.length())));
    }

    /** A length or offset: decimal, then the raw DWORD. */
    static String count(int value) {
        return Integer.toUnsignedString(value) + " (" + Hex.dword(value) + ")";
    }

    static String quote(String s) {
        StringBuilder q = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                q.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7E) {
                q.append(String.format("\\u%04x", (int) c));
            } else {
                q.append(c);
            }
        }
        return q.append('"').toString();
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
