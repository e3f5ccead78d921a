package org.replprov.config;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One value of the YAML document with where it was written: a mapping, a sequence, a scalar, or absent (a key not
 * given). Accessors convert and check the value and throw a {@link ConfigException} that points at it.
 */
public final class ConfigNode {

    enum Kind { MAPPING, SEQUENCE, SCALAR, NULL, ABSENT }

    Kind kind() {
        return kind;
    }

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
    private static final Pattern WHOLE_NUMBER = Pattern.compile("[+-]?\\d+");

    private final Kind kind;
    private final String source;
    private final String key;
    private final int line;
    private final int column;
    private final String text;
    private final Map<String, ConfigNode> entries;
    private final List<ConfigNode> elements;

    private ConfigNode(Kind kind, String source, String key, int line, int column, String text,
                       Map<String, ConfigNode> entries, List<ConfigNode> elements) {
        this.kind = kind;
        this.source = source;
        this.key = key;
        this.line = line;
        this.column = column;
        this.text = text;
        this.entries = entries;
        this.elements = elements;
    }

    static ConfigNode scalar(String source, String key, int line, int column, String text) {
        return new ConfigNode(Kind.SCALAR, source, key, line, column, text, Map.of(), List.of());
    }

    static ConfigNode nullValue(String source, String key, int line, int column) {
        return new ConfigNode(Kind.NULL, source, key, line, column, null, Map.of(), List.of());
    }

    static ConfigNode mapping(String source, String key, int line, int column, Map<String, ConfigNode> entries) {
        return new ConfigNode(Kind.MAPPING, source, key, line, column, null,
                Collections.unmodifiableMap(new LinkedHashMap<>(entries)), List.of());
    }

    static ConfigNode sequence(String source, String key, int line, int column, List<ConfigNode> elements) {
        return new ConfigNode(Kind.SEQUENCE, source, key, line, column, null, Map.of(), List.copyOf(elements));
    }

    /** The empty document: every key absent, errors pointing at line 1. */
    static ConfigNode emptyDocument(String source) {
        return mapping(source, "", 1, 1, Map.of());
    }

    /**
     * A configuration made in code rather than read from a file (the lab's members, tests): {@code values} holds
     * strings, lists, nested maps and nulls as YAML would. Every value is placed at line 1, column 1 of
     * {@code source}; errors still name the key path, below {@code key}.
     *
     * @throws IllegalArgumentException for a value of another type
     */
    public static ConfigNode of(String source, String key, Map<String, ?> values) {
        return fromValue(source, key, values);
    }

    private static ConfigNode fromValue(String source, String key, Object value) {
        if (value == null) {
            return nullValue(source, key, 1, 1);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, ConfigNode> entries = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                String name = String.valueOf(k);
                entries.put(name, fromValue(source, key.isEmpty() ? name : key + "." + name, v));
            });
            return mapping(source, key, 1, 1, entries);
        }
        if (value instanceof List<?> list) {
            List<ConfigNode> elements = new ArrayList<>();
            for (Object v : list) {
                elements.add(fromValue(source, key + "[" + elements.size() + "]", v));
            }
            return sequence(source, key, 1, 1, elements);
        }
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return scalar(source, key, 1, 1, value.toString());
        }
        throw new IllegalArgumentException(key + ": a configuration value is a string, number, boolean, list or map, "
                + "not " + value.getClass().getName());
    }

    /** The dotted key path of this value. */
    public String key() {
        return key;
    }

    /** True when the key was written with a non-null value. */
    public boolean present() {
        return kind != Kind.ABSENT && kind != Kind.NULL;
    }

    // ---- navigation -------------------------------------------------------------------------------------------

    /** The value of {@code name} in this mapping; an absent node (pointing at this mapping) when not given. */
    public ConfigNode get(String name) {
        if (present()) {
            requireKind(Kind.MAPPING, "a mapping");
        }
        ConfigNode child = entries.get(name);
        return child != null ? child
                : new ConfigNode(Kind.ABSENT, source, childKey(name), line, column, null, Map.of(), List.of());
    }

    /** The mapping's keys in the order written. */
    public Set<String> keys() {
        requireKind(Kind.MAPPING, "a mapping");
        return entries.keySet();
    }

    /**
     * Rejects keys other than {@code allowed}: a misspelt key would otherwise be silently ignored and its default
     * used.
     */
    public ConfigNode allowOnly(String... allowed) {
        if (!present()) {
            return this;
        }
        requireKind(Kind.MAPPING, "a mapping");
        Set<String> known = Set.of(allowed);
        for (Map.Entry<String, ConfigNode> e : entries.entrySet()) {
            if (!known.contains(e.getKey())) {
                throw e.getValue().error("unknown key (expected one of " + new TreeSet<>(known) + ")");
            }
        }
        return this;
    }

    /**
     * This mapping without the keys {@code names}, at the same place: what a part of the configuration hands on after
     * reading its own keys (an engine instance's {@code type}), so that the next reader's {@link #allowOnly} does not
     * see them. Absent stays absent.
     */
    public ConfigNode without(String... names) {
        if (!present()) {
            return this;
        }
        requireKind(Kind.MAPPING, "a mapping");
        Map<String, ConfigNode> rest = new LinkedHashMap<>(entries);
        for (String n : names) {
            rest.remove(n);
        }
        return mapping(source, key, line, column, rest);
    }

    /** The elements of this sequence; empty when absent. */
    public List<ConfigNode> elements() {
        if (!present()) {
            return List.of();
        }
        requireKind(Kind.SEQUENCE, "a list");
        return elements;
    }

    // ---- scalars ----------------------------------------------------------------------------------------------

    public String string(String defaultValue) {
        return present() ? string() : defaultValue;
    }

    /** A required non-empty string. */
    public String string() {
        requirePresent();
        requireKind(Kind.SCALAR, "a single value");
        if (text.isBlank()) {
            throw error("must not be empty");
        }
        return text;
    }

    public int integer(int defaultValue, int min, int max) {
        if (!present()) {
            return defaultValue;
        }
        String s = string().trim().replace("_", "");
        if (!WHOLE_NUMBER.matcher(s).matches()) {
            throw error("must be a whole number, not '" + text + "'");
        }
        // Compared as written, so that a number beyond any Java integer is "too large", not "not a number".
        BigInteger v = new BigInteger(s);
        if (v.compareTo(BigInteger.valueOf(max)) > 0) {
            throw error("is too large (max " + max + "): " + text.trim());
        }
        if (v.compareTo(BigInteger.valueOf(min)) < 0) {
            throw error("is too small (min " + min + "): " + text.trim());
        }
        return v.intValueExact();
    }

    public boolean bool(boolean defaultValue) {
        if (!present()) {
            return defaultValue;
        }
        return switch (string().trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw error("must be true or false, not '" + text + "'");
        };
    }

    /**
     * A duration written {@code 500ms}, {@code 10s}, {@code 5m}, {@code 1h} or {@code 2d} (days of 24 hours), between
     * {@code min} and {@code max}: the one duration grammar of the daemon's and the engines' settings.
     */
    public Duration duration(Duration defaultValue, Duration min, Duration max) {
        if (!present()) {
            return defaultValue;
        }
        Matcher m = DURATION.matcher(string().trim());
        if (!m.matches()) {
            throw error("must be a duration such as 500ms, 10s, 5m, 1h or 1d, not '" + text + "'");
        }
        // Twelve digits are beyond every maximum used here in any unit, and within Duration's range in every unit:
        // cap the digits before doing arithmetic.
        String digits = m.group(1).replaceFirst("^0+(?=\\d)", "");
        if (digits.length() > 12) {
            throw error("is too large (max " + format(max) + "): " + text.trim());
        }
        long n = Long.parseLong(digits);
        Duration d = switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
        if (d.compareTo(max) > 0) {
            throw error("is too large (max " + format(max) + "): " + text.trim());
        }
        if (d.compareTo(min) < 0) {
            throw error("must be between " + format(min) + " and " + format(max) + ", not " + text);
        }
        return d;
    }

    /**
     * A duration in whole seconds ({@code 10s}, {@code 2m}): for limits the JDK HTTP server counts in seconds.
     */
    public Duration seconds(Duration defaultValue, Duration min, Duration max) {
        Duration d = duration(defaultValue, min, max);
        if (d.toMillis() % 1000 != 0) {
            throw error("must be a whole number of seconds, not " + text);
        }
        return d;
    }

    private static String format(Duration d) {
        return d.toMillis() % 1000 != 0 ? d.toMillis() + "ms" : d.toSeconds() + "s";
    }

    /** One of {@code choices} (compared ignoring case), returned as listed. */
    public String choice(String defaultValue, String... choices) {
        if (!present()) {
            return defaultValue;
        }
        String v = string().trim();
        for (String c : choices) {
            if (c.equalsIgnoreCase(v)) {
                return c;
            }
        }
        throw error("must be one of " + List.of(choices) + ", not '" + v + "'");
    }

    // ---- errors -----------------------------------------------------------------------------------------------

    /** An error about this value, pointing at where it was written (or, when absent, at its mapping). */
    public ConfigException error(String problem) {
        return new ConfigException(source, line, column, key, problem);
    }

    private void requirePresent() {
        if (!present()) {
            throw error(kind == Kind.NULL ? "must have a value" : "is required");
        }
    }

    private void requireKind(Kind expected, String what) {
        if (kind != expected) {
            throw error("must be " + what);
        }
    }

    String childKey(String name) {
        return key.isEmpty() ? name : key + "." + name;
    }

    @Override
    public String toString() {
        return source + ":" + line + ":" + column + " " + key;
    }
}
