package org.replprov.wql;

import java.util.ArrayList;
import java.util.List;

import org.replprov.cim.CimException;
import org.replprov.cim.WbemStatus;

/**
 * A compiled LIKE pattern (WMI SDK "LIKE Operator"; MS-WMI §2.2.1.1):
 * <ul>
 *   <li>{@code %} matches any run of zero or more characters, {@code _} exactly one;</li>
 *   <li>{@code [abc]} one character of the set, {@code [a-f]} (or {@code [a=f]}) one of the range,
 *       {@code [^a-f]} one character outside it; inside brackets {@code %}, {@code _} and {@code [} are ordinary,
 *       which is how a pattern matches them literally ({@code [_]}, {@code [%]});</li>
 *   <li>{@code [^]} matches a caret;</li>
 *   <li>a range is a character other than the caret, then {@code -} or {@code =}, then a character other than
 *       {@code ]}; anywhere else {@code -} and {@code =} are members of the set;</li>
 *   <li>there is no escape character: a backslash is an ordinary character.</li>
 * </ul>
 * Matching ignores case, as every WQL string comparison does.
 *
 * <p>Every element except {@code %} consumes exactly one character, so matching needs only the position of the last
 * {@code %} to back up to: linear in the common case, at worst pattern length times string length, and it allocates
 * nothing. Literal characters are compared as {@link String#equalsIgnoreCase} compares them.
 */
public final class LikePattern {

    /** Element kinds; a pattern is held as parallel arrays so that matching makes no calls through interfaces. */
    private static final byte LITERAL = 0;
    private static final byte ANY_ONE = 1;
    private static final byte ANY_RUN = 2;
    private static final byte SET = 3;

    /** A bracketed set: single characters and inclusive ranges, possibly negated. */
    private record CharSet(char[] low, char[] high, boolean negated) {
        boolean matches(char c) {
            boolean in = contains(c) || contains(Character.toUpperCase(c)) || contains(Character.toLowerCase(c));
            return in != negated;
        }

        private boolean contains(char c) {
            for (int i = 0; i < low.length; i++) {
                if (c >= low[i] && c <= high[i]) {
                    return true;
                }
            }
            return false;
        }
    }

    /** One element while the pattern is read: its kind, and its character or set. */
    private record Element(byte kind, char c, CharSet set) {
        static final Element ANY_ONE_ELEMENT = new Element(ANY_ONE, '\0', null);
        static final Element ANY_RUN_ELEMENT = new Element(ANY_RUN, '\0', null);
    }

    private final String source;
    private final byte[] kinds;
    /** For a literal: its upper case, and the lower case of that, compared as {@link String#equalsIgnoreCase} does. */
    private final char[] upper;
    private final char[] lower;
    private final CharSet[] sets;

    private LikePattern(String source, List<Element> elements) {
        this.source = source;
        int n = elements.size();
        this.kinds = new byte[n];
        this.upper = new char[n];
        this.lower = new char[n];
        this.sets = new CharSet[n];
        for (int i = 0; i < n; i++) {
            Element e = elements.get(i);
            kinds[i] = e.kind();
            upper[i] = Character.toUpperCase(e.c());
            lower[i] = fold(e.c());
            sets[i] = e.set();
        }
    }

    /**
     * Compiles {@code pattern}.
     *
     * @throws CimException WBEM_E_INVALID_QUERY for a {@code [} without {@code ]}, an empty set or a reversed range
     */
    public static LikePattern compile(String pattern) {
        List<Element> out = new ArrayList<>();
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == '%') {
                if (out.isEmpty() || out.get(out.size() - 1) != Element.ANY_RUN_ELEMENT) {
                    out.add(Element.ANY_RUN_ELEMENT);
                }
                i++;
            } else if (c == '_') {
                out.add(Element.ANY_ONE_ELEMENT);
                i++;
            } else if (c == '[') {
                i = set(pattern, i, out);
            } else {
                out.add(new Element(LITERAL, c, null));
                i++;
            }
        }
        return new LikePattern(pattern, out);
    }

    /** Reads the set that opens at {@code open} into {@code out}; returns the index after its {@code ]}. */
    private static int set(String p, int open, List<Element> out) {
        if (p.startsWith("[^]", open)) {
            out.add(new Element(SET, '\0', new CharSet(new char[] {'^'}, new char[] {'^'}, false)));
            return open + 3;
        }
        int i = open + 1;
        boolean negated = i < p.length() && p.charAt(i) == '^';
        if (negated) {
            i++;
        }
        StringBuilder low = new StringBuilder();
        StringBuilder high = new StringBuilder();
        while (i < p.length() && p.charAt(i) != ']') {
            char c = p.charAt(i);
            boolean range = c != '^' && i + 2 < p.length() && (p.charAt(i + 1) == '-' || p.charAt(i + 1) == '=')
                    && p.charAt(i + 2) != ']';
            char last = range ? p.charAt(i + 2) : c;
            if (last < c) {
                throw invalid(p, "the range " + c + p.charAt(i + 1) + last + " is reversed");
            }
            low.append(c);
            high.append(last);
            i += range ? 3 : 1;
        }
        if (i >= p.length()) {
            throw invalid(p, "'[' at position " + (open + 1) + " has no closing ']'");
        }
        if (low.length() == 0) {
            throw invalid(p, "the set at position " + (open + 1) + " is empty");
        }
        out.add(new Element(SET, '\0', new CharSet(low.toString().toCharArray(), high.toString().toCharArray(),
                negated)));
        return i + 1;
    }

    private static CimException invalid(String pattern, String what) {
        return new CimException(WbemStatus.WBEM_E_INVALID_QUERY, "LIKE pattern '" + pattern + "': " + what);
    }

    /**
     * True when the whole of {@code s} matches the pattern. Takes any character sequence so that a table scan can
     * match characters where they lie, without making a string per row.
     */
    public boolean matches(CharSequence s) {
        int p = 0;
        int i = 0;
        int runAt = -1;
        int runFrom = 0;
        int n = kinds.length;
        while (i < s.length()) {
            if (p < n && kinds[p] == ANY_RUN) {
                runAt = p++;
                runFrom = i;
            } else if (p < n && matchesOne(p, s.charAt(i))) {
                p++;
                i++;
            } else if (runAt >= 0) {
                p = runAt + 1;
                i = ++runFrom;
            } else {
                return false;
            }
        }
        while (p < n && kinds[p] == ANY_RUN) {
            p++;
        }
        return p == n;
    }

    private boolean matchesOne(int p, char c) {
        switch (kinds[p]) {
            case LITERAL -> {
                char u = Character.toUpperCase(c);
                return u == upper[p] || Character.toLowerCase(u) == lower[p];
            }
            case SET -> {
                return sets[p].matches(c);
            }
            default -> {
                return true;
            }
        }
    }

    /**
     * The case folding literal characters match by: {@code c} matches a literal {@code l} exactly when
     * {@code fold(c) == fold(l)}. (The matcher compares upper cases first, but equal upper cases have equal folds, so
     * the fold alone decides.)
     */
    static char fold(char c) {
        return Character.toLowerCase(Character.toUpperCase(c));
    }

    /**
     * The {@linkplain #fold folded} characters of the literals the pattern starts with, before its first wildcard or
     * set: every matching string starts with characters of these folds. A table scan uses them to rule out most rows
     * without running the matcher.
     */
    String foldedPrefix() {
        StringBuilder sb = new StringBuilder();
        for (int p = 0; p < kinds.length && kinds[p] == LITERAL; p++) {
            sb.append(lower[p]);
        }
        return sb.toString();
    }

    /** True when the pattern has a {@code %}, {@code _} or set, so that it is more than a plain string. */
    public boolean hasWildcards() {
        for (byte k : kinds) {
            if (k != LITERAL) {
                return true;
            }
        }
        return false;
    }

    /** The pattern as written. */
    @Override
    public String toString() {
        return source;
    }
}
