package org.replprov.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.replprov.log.LogSafe;

/**
 * Samples from the Prometheus text exposition format 0.0.4, as {@code replprov status} reads the daemon's
 * {@code /metrics}: {@code name{label="value",…} value [timestamp]} lines; {@code #} lines (HELP, TYPE, comments) and
 * blank lines are skipped. Input is bounded by its caller; anything else is {@link Malformed}, naming line and column.
 */
final class PrometheusText {

    /** One sample; label values unescaped. */
    record Sample(String name, Map<String, String> labels, double value) {
        Sample {
            labels = Map.copyOf(labels);
        }

        String label(String label) {
            return labels.getOrDefault(label, "");
        }
    }

    /** The text is not in the exposition format at {@code line}:{@code column} (both from 1). */
    static final class Malformed extends Exception {
        Malformed(int line, int column, String what) {
            super("line " + line + ", column " + column + ": " + what);
        }
    }

    private final String text;
    private final int lineNumber;
    private int pos;

    private PrometheusText(String line, int lineNumber) {
        this.text = line.stripTrailing();
        this.lineNumber = lineNumber;
        while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
            pos++;
        }
    }

    static List<Sample> parse(String exposition) throws Malformed {
        List<Sample> samples = new ArrayList<>();
        String[] lines = exposition.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (!line.isEmpty() && !line.startsWith("#")) {
                samples.add(new PrometheusText(lines[i], i + 1).sample());
            }
        }
        return samples;
    }

    private Sample sample() throws Malformed {
        String name = name("a metric name");
        Map<String, String> labels = new LinkedHashMap<>();
        if (peek() == '{') {
            pos++;
            while (peek() != '}') {
                String label = name("a label name");
                expect('=');
                expect('"');
                labels.put(label, labelValue());
                if (peek() == ',') {
                    pos++;
                } else if (peek() != '}') {
                    throw error("expected ',' or '}'");
                }
            }
            pos++;
        }
        if (peek() != ' ' && peek() != '\t') {
            throw error("expected a space before the value");
        }
        String[] rest = text.substring(pos).strip().split("[ \t]+");
        if (rest.length > 2) {
            throw error("expected a value and at most a timestamp");
        }
        return new Sample(name, labels, value(rest[0]));
    }

    private double value(String token) throws Malformed {
        switch (token) {
            case "NaN":
                return Double.NaN;
            case "+Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            default:
                if (!token.matches("[-+]?[0-9]*\\.?[0-9]+([eE][-+]?[0-9]+)?")) {
                    throw error("not a number: " + LogSafe.of(token, 40));
                }
                return Double.parseDouble(token);
        }
    }

    private String name(String what) throws Malformed {
        int start = pos;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            boolean ok = c == '_' || c == ':' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                    || (pos > start && c >= '0' && c <= '9');
            if (!ok) {
                break;
            }
            pos++;
        }
        if (pos == start) {
            throw error("expected " + what);
        }
        return text.substring(start, pos);
    }

    /** A quoted label value after its opening quote; escapes {@code \\}, {@code \"}, {@code \n}. */
    private String labelValue() throws Malformed {
        StringBuilder b = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return b.toString();
            }
            if (c == '\\') {
                if (pos == text.length()) {
                    break;
                }
                char e = text.charAt(pos++);
                switch (e) {
                    case '\\', '"' -> b.append(e);
                    case 'n' -> b.append('\n');
                    default -> {
                        pos -= 2; // the column of the backslash
                        throw error("unknown escape \\" + e);
                    }
                }
            } else {
                b.append(c);
            }
        }
        throw error("unterminated label value");
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void expect(char c) throws Malformed {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private Malformed error(String what) {
        return new Malformed(lineNumber, pos + 1, what);
    }
}
