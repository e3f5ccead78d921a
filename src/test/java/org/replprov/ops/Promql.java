package org.replprov.ops;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL query selects, found by a small lexer: enough for the queries of a dashboard or a rule
 * file, not a PromQL parser (promtool checks that the queries parse). Label matchers, strings, ranges and durations
 * are skipped; an identifier followed by {@code (} is a function or an aggregation; the label lists after
 * {@code by}, {@code without}, {@code on}, {@code ignoring}, {@code group_left} and {@code group_right} are labels.
 * Grafana's {@code label_values(query, label)} is read as its query.
 */
final class Promql {

    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "by", "without", "on", "ignoring",
            "group_left", "group_right", "bool", "offset", "atan2", "sum", "avg", "min", "max", "count", "group",
            "stddev", "stdvar", "topk", "bottomk", "quantile", "count_values", "inf", "nan");
    private static final Set<String> LABEL_LISTS = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right");
    private static final Pattern LABEL_VALUES = Pattern.compile("\\s*label_values\\((.+),\\s*\\w+\\)\\s*");

    private Promql() {
    }

    static Set<String> metricNames(String query) {
        Matcher lv = LABEL_VALUES.matcher(query);
        String q = lv.matches() ? lv.group(1) : query;
        List<String> tokens = tokens(q);
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            if (!isIdentifier(t)) {
                continue;
            }
            String lower = t.toLowerCase();
            if (LABEL_LISTS.contains(lower) && i + 1 < tokens.size() && tokens.get(i + 1).equals("(")) {
                i = closing(tokens, i + 1);
            } else if (!KEYWORDS.contains(lower) && !(i + 1 < tokens.size() && tokens.get(i + 1).equals("("))) {
                names.add(t);
            }
        }
        return names;
    }

    /** The index of the {@code )} closing the {@code (} at {@code open}. */
    private static int closing(List<String> tokens, int open) {
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            if (tokens.get(i).equals("(")) {
                depth++;
            } else if (tokens.get(i).equals(")") && --depth == 0) {
                return i;
            }
        }
        return tokens.size();
    }

    private static boolean isIdentifier(String t) {
        char c = t.charAt(0);
        return Character.isLetter(c) || c == '_' || c == ':';
    }

    /** Identifiers, numbers (with durations) and single punctuation; strings, {…} and […] dropped. */
    private static List<String> tokens(String q) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < q.length()) {
            char c = q.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '"' || c == '\'' || c == '`') {
                i = afterString(q, i);
            } else if (c == '{' || c == '[') {
                char close = c == '{' ? '}' : ']';
                i++;
                while (i < q.length() && q.charAt(i) != close) {
                    char d = q.charAt(i);
                    i = d == '"' || d == '\'' || d == '`' ? afterString(q, i) : i + 1;
                }
                i++;
            } else if (Character.isLetterOrDigit(c) || c == '_' || c == ':' || c == '.' || c == '$') {
                int start = i;
                while (i < q.length() && (Character.isLetterOrDigit(q.charAt(i)) || "_:.$".indexOf(q.charAt(i)) >= 0
                        || (i > start && "+-".indexOf(q.charAt(i)) >= 0 && "eE".indexOf(q.charAt(i - 1)) >= 0
                        && Character.isDigit(q.charAt(start))))) {
                    i++;
                }
                tokens.add(q.substring(start, i));
            } else {
                tokens.add(String.valueOf(c));
                i++;
            }
        }
        return tokens;
    }

    private static int afterString(String q, int open) {
        char quote = q.charAt(open);
        int i = open + 1;
        while (i < q.length() && q.charAt(i) != quote) {
            i += q.charAt(i) == '\\' && quote != '`' ? 2 : 1;
        }
        return i + 1;
    }
}
