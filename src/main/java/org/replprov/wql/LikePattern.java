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
 * nothing.
 */
public final class LikePattern {

    /** One pattern element. */
    private interface Element {
        boolean matches(char c);
    }

    /** {@code %} and {@code _}. */
    private enum Wildcard implements Element {
        /** {@code %}: handled by the matcher itself, never asked about one character. */
        ANY_RUN,
        /** {@code _}. */
        ANY_ONE;

        @Override
        public boolean matches(char c) {
            return true;
        }
    }

    /** An ordinary character, matched ignoring case the way {@link String#equalsIgnoreCase} does. */
    private record Literal(char c) implements Element {
        @Override
        public boolean matches(char other) {
            return other == c || sameIgnoringCase(other, c);
        }
    }

    /** A bracketed set: single characters and inclusive ranges, possibly negated. */
    private record CharSet(char[] low, char[] high, boolean negated) implements Element {
        @Override
        public boolean matches(char c) {
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

    private final String source;
    private final Element[] elements;

    private LikePattern(String source, Element[] elements) {
        this.source = source;
        this.elements = elements;
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
                if (out.isEmpty() || out.get(out.size() - 1) != Wildcard.ANY_RUN) {
                    out.add(Wildcard.ANY_RUN);
                }
                i++;
            } else if (c == '_') {
                out.add(Wildcard.ANY_ONE);
                i++;
            } else if (c == '[') {
                i = set(pattern, i, out);
            } else {
                out.add(new Literal(c));
                i++;
            }
        }
        return new LikePattern(pattern, out.toArray(new Element[0]));
    }

    /** Reads the set that opens at {@code open}; returns the index after its {@code ]}. */
    private static int set(String p, int open, List<Element> out) {
        if (p.startsWith("[^]", open)) {
            out.add(new CharSet(new char[] {'^'}, new char[] {'^'}, false));
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
        out.add(new CharSet(low.toString().toCharArray(), high.toString().toCharArray(), negated));
        return i + 1;
    }

    private static CimException invalid(String pattern, String what) {
        return new CimException(WbemStatus.WBEM_E_INVALID_QUERY, "LIKE pattern '" + pattern + "': " + what);
    }

    /** True when the whole of {@code s} matches the pattern. */
    public boolean matches(CharSequence s) {
        int p = 0;
        int i = 0;
        int runAt = -1;
        int runFrom = 0;
        while (i < s.length()) {
            if (p < elements.length && elements[p] == Wildcard.ANY_RUN) {
                runAt = p++;
                runFrom = i;
            } else if (p < elements.length && elements[p].matches(s.charAt(i))) {
                p++;
                i++;
            } else if (runAt >= 0) {
                p = runAt + 1;
                i = ++runFrom;
            } else {
                return false;
            }
        }
        while (p < elements.length && elements[p] == Wildcard.ANY_RUN) {
            p++;
        }
        return p == elements.length;
    }

    /** True when the pattern has a {@code %}, {@code _} or set, so that it is more than a plain string. */
    public boolean hasWildcards() {
        for (Element e : elements) {
            if (!(e instanceof Literal)) {
                return true;
            }
        }
        return false;
    }

    /** {@link String#regionMatches(boolean, int, String, int, int)}'s notion of equal ignoring case. */
    static boolean sameIgnoringCase(char a, char b) {
        char ua = Character.toUpperCase(a);
        char ub = Character.toUpperCase(b);
        return ua == ub || Character.toLowerCase(ua) == Character.toLowerCase(ub);
    }

    /** The pattern as written. */
    @Override
    public String toString() {
        return source;
    }
}
