package org.replprov.log;

/**
 * Makes a value that came from outside (a client's user name, path or method parameter, a peer's message, an upstream
 * file name) safe to put into a log line: control characters are escaped, so the value cannot end the line and forge
 * the next one, and the value is bounded, so one request cannot write megabytes of log.
 *
 * <p>Escaped: the C0 controls (U+0000–U+001F) and DEL, the C1 controls (U+0080–U+009F, which include NEL), the line and
 * paragraph separators U+2028 and U+2029 (line ends to some readers, Unicode TR #13), and the bidirectional formatting
 * characters U+202A–U+202E and U+2066–U+2069, which can make a line read differently from what it holds. {@code \n},
 * {@code \r} and {@code \t} become those two-character escapes, every other one {@code \}{@code uXXXX}.
 *
 * <p>A value longer than its bound keeps its first {@code max} characters and ends with {@code …(cut, N chars)},
 * {@code N} being its whole length.
 */
public final class LogSafe {

    /** The bound of {@link #of(Object)}: enough for names, paths and one-line messages. */
    public static final int DEFAULT_MAX = 256;

    private LogSafe() {
    }

    /** {@code value}'s text (its {@code toString()}), escaped and bounded to {@link #DEFAULT_MAX} characters. */
    public static String of(Object value) {
        return of(value, DEFAULT_MAX);
    }

    /**
     * {@code value}'s text, escaped and bounded to {@code max} characters (counted before escaping); {@code "null"}
     * for null.
     */
    public static String of(Object value, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be positive: " + max);
        }
        String s = String.valueOf(value);
        int keep = s.length();
        if (keep > max) {
            keep = max;
            if (Character.isHighSurrogate(s.charAt(keep - 1))) {
                keep--; // never split a surrogate pair
            }
        }
        StringBuilder out = null;
        for (int i = 0; i < keep; i++) {
            char c = s.charAt(i);
            if (needsEscape(c)) {
                if (out == null) {
                    out = new StringBuilder(keep + 16).append(s, 0, i);
                }
                switch (c) {
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> out.append(String.format("\\u%04x", (int) c));
                }
            } else if (out != null) {
                out.append(c);
            }
        }
        if (keep == s.length()) {
            return out == null ? s : out.toString();
        }
        if (out == null) {
            out = new StringBuilder(keep + 24).append(s, 0, keep);
        }
        return out.append("…(cut, ").append(s.length()).append(" chars)").toString();
    }

    /** True for the characters {@link LogSafe} escapes. */
    static boolean needsEscape(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029'
                || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
    }
}
