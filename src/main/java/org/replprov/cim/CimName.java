package org.replprov.cim;

import java.util.Locale;
import java.util.Objects;

/**
 * A CIM identifier: a class, property, method, parameter, qualifier or namespace-segment name.
 *
 * <p>DSP0004 §7.5: names are case-insensitive and case-preserving. {@link #toString()} returns the spelling given;
 * {@link #equals} and {@link #hashCode} ignore case. WMI system names ({@code __CLASS}, {@code __PATH}) are valid
 * identifiers because an identifier may start with an underscore.
 */
public final class CimName implements Comparable<CimName> {

    /** WMI limits class, property, method and qualifier names to 255 characters (WBEM_E_*_NAME_TOO_WIDE). */
    public static final int MAX_LENGTH = 255;

    private final String name;
    private final String key;

    private CimName(String name) {
        this.name = name;
        this.key = name.toLowerCase(Locale.ROOT);
    }

    /**
     * Returns the name for {@code text}.
     *
     * @throws IllegalArgumentException when {@code text} is not a DSP0004 identifier; parsers check {@link #isValid}
     *     first and report their own positioned error
     */
    public static CimName of(String text) {
        if (!isValid(text)) {
            throw new IllegalArgumentException("not a CIM identifier: '" + text + "'");
        }
        return new CimName(text);
    }

    /**
     * DSP0004 ANNEX A: {@code IDENTIFIER = firstIdentifierChar *( nextIdentifierChar )} where the first character is
     * a letter, an underscore or U+0080..U+FFEF, and later characters may also be digits.
     */
    public static boolean isValid(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_LENGTH) {
            return false;
        }
        if (!isIdentifierStart(text.charAt(0))) {
            return false;
        }
        for (int i = 1; i < text.length(); i++) {
            if (!isIdentifierPart(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    public static boolean isIdentifierStart(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || (c >= 0x80 && c <= 0xFFEF);
    }

    public static boolean isIdentifierPart(char c) {
        return isIdentifierStart(c) || (c >= '0' && c <= '9');
    }

    /** True when {@code other} names the same element, ignoring case. */
    public boolean matches(String other) {
        return other != null && name.equalsIgnoreCase(other);
    }

    /** True for WMI system property names such as {@code __PATH}. */
    public boolean isSystemName() {
        return name.startsWith("__");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CimName other && key.equals(other.key);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    @Override
    public int compareTo(CimName o) {
        return key.compareTo(o.key);
    }

    /** The name as it was spelled. */
    @Override
    public String toString() {
        return name;
    }

    static CimName requireNonNull(CimName name, String what) {
        return Objects.requireNonNull(name, what);
    }
}
