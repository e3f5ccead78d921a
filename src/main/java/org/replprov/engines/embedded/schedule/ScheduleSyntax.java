package org.replprov.engines.embedded.schedule;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.replprov.engine.spi.BandwidthLevel;

/**
 * The readable form of a {@link Schedule}, as written in the configuration.
 *
 * <pre>
 * schedule = rule { ";" rule }            later rules override earlier ones; quarter hours no rule names are off
 *          | "hex:" 672 hex digits        the 336 bytes as DFSR stores them
 * rule     = days [ times ] level         no times: the whole day
 * days     = "*" | span { "," span }      "*" is every day
 * span     = day [ "-" day ]              a range may wrap: "fri-mon" is Friday to Monday
 * day      = "sun" | "mon" | "tue" | "wed" | "thu" | "fri" | "sat"     (or the full names)
 * times    = hh:mm "-" hh:mm              quarter hours, 00:00 to 24:00; an end before the start runs past
 *                                         midnight into the next day
 * level    = "off" | "full" | "16kbps" | "64kbps" | "128kbps" | "256kbps" | "512kbps" | "1mbps" | "2mbps"
 *          | "4mbps" | "8mbps" | "16mbps" | "32mbps" | "64mbps" | "128mbps" | "256mbps"
 * </pre>
 *
 * <p>Example: {@code * full; mon-fri 08:00-18:00 1mbps} replicates at full speed except during office hours, when it
 * is held to 1 Mbps. Names are case-insensitive. {@link #format} writes the shortest rules, and {@code parse(format(s))}
 * equals {@code s}.
 */
public final class ScheduleSyntax {

    private static final String[] DAYS = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
    private static final String[] DAY_NAMES = {"sunday", "monday", "tuesday", "wednesday", "thursday", "friday",
            "saturday"};
    private static final int QUARTERS_PER_DAY = 96;

    private ScheduleSyntax() {
    }

    /**
     * Reads a schedule.
     *
     * @throws IllegalArgumentException naming the rule and the part that is wrong
     */
    public static Schedule parse(String text, ZoneId zone) {
        String t = text.strip();
        if (t.regionMatches(true, 0, "hex:", 0, 4)) {
            String hex = t.substring(4).strip();
            if (hex.length() != 2 * Schedule.BYTES || !hex.matches("[0-9A-Fa-f]*")) {
                throw new IllegalArgumentException("schedule hex: needs " + 2 * Schedule.BYTES + " hex digits, got "
                        + hex.length() + " characters");
            }
            return Schedule.fromBytes(HexFormat.of().parseHex(hex), zone);
        }
        byte[] slots = new byte[Schedule.SLOTS];
        String[] rules = t.split(";");
        for (int i = 0; i < rules.length; i++) {
            String rule = rules[i].strip();
            try {
                apply(rule, slots);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("schedule rule " + (i + 1) + " ('" + rule + "'): "
                        + e.getMessage(), e);
            }
        }
        return new Schedule(slots, zone);
    }

    private static void apply(String rule, byte[] slots) {
        String[] parts = rule.toLowerCase(Locale.ROOT).split("\\s+");
        if (rule.isEmpty() || parts.length < 2 || parts.length > 3) {
            throw new IllegalArgumentException("expected 'days [hh:mm-hh:mm] level'");
        }
        boolean[] days = days(parts[0]);
        int from = 0;
        int to = QUARTERS_PER_DAY;
        if (parts.length == 3) {
            String[] range = parts[1].split("-", -1);
            if (range.length != 2) {
                throw new IllegalArgumentException("times '" + parts[1] + "' are not hh:mm-hh:mm");
            }
            from = quarter(range[0]);
            to = quarter(range[1]);
            if (from == to || from == QUARTERS_PER_DAY) {
                throw new IllegalArgumentException("times '" + parts[1] + "' cover nothing");
            }
        }
        byte level = (byte) level(parts[parts.length - 1]).value();
        int length = to > from ? to - from : QUARTERS_PER_DAY - from + to; // past midnight when to < from
        for (int d = 0; d < 7; d++) {
            if (days[d]) {
                for (int q = 0; q < length; q++) {
                    slots[(d * QUARTERS_PER_DAY + from + q) % Schedule.SLOTS] = level;
                }
            }
        }
    }

    private static boolean[] days(String spec) {
        boolean[] days = new boolean[7];
        if (spec.equals("*")) {
            Arrays.fill(days, true);
            return days;
        }
        for (String span : spec.split(",", -1)) {
            String[] ends = span.split("-", -1);
            if (ends.length > 2) {
                throw new IllegalArgumentException("day range '" + span + "' is not day-day");
            }
            int first = day(ends[0]);
            int last = ends.length == 2 ? day(ends[1]) : first;
            for (int d = first; ; d = (d + 1) % 7) {
                days[d] = true;
                if (d == last) {
                    break;
                }
            }
        }
        return days;
    }

    private static int day(String name) {
        for (int d = 0; d < 7; d++) {
            if (name.equals(DAYS[d]) || name.equals(DAY_NAMES[d])) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown day '" + name + "' (sun, mon, tue, wed, thu, fri, sat or *)");
    }

    /** hh:mm as a quarter-hour index 0..96. */
    private static int quarter(String time) {
        if (!time.matches("\\d{1,2}:\\d{2}")) {
            throw new IllegalArgumentException("time '" + time + "' is not hh:mm");
        }
        int h = Integer.parseInt(time.substring(0, time.indexOf(':')));
        int m = Integer.parseInt(time.substring(time.indexOf(':') + 1));
        if (h > 24 || m > 59 || (h == 24 && m != 0) || m % 15 != 0) {
            throw new IllegalArgumentException("time '" + time + "' is not a quarter hour between 00:00 and 24:00");
        }
        return h * 4 + m / 15;
    }

    /** A level by its name in this syntax ({@code off}, {@code full}, {@code 16kbps} … {@code 256mbps}). */
    public static BandwidthLevel level(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (BandwidthLevel l : BandwidthLevel.values()) {
            if (name(l).equals(n)) {
                return l;
            }
        }
        if (n.equals("unlimited") || n.equals("infinite")) {
            return BandwidthLevel.INFINITE;
        }
        throw new IllegalArgumentException("unknown bandwidth '" + name + "' (off, 16kbps, 64kbps, 128kbps, "
                + "256kbps, 512kbps, 1mbps … 256mbps, full)");
    }

    /** The name of a level in this syntax. */
    public static String name(BandwidthLevel level) {
        return switch (level) {
            case OFF -> "off";
            case INFINITE -> "full";
            default -> {
                String n = level.name().toLowerCase(Locale.ROOT); // kbps_16
                yield n.substring(n.indexOf('_') + 1) + n.substring(0, n.indexOf('_'));
            }
        };
    }

    /** The shortest rules for {@code schedule}: days with the same day grouped, whole days without times. */
    public static String format(Schedule schedule) {
        byte[] slots = schedule.slots();
        Map<String, List<Integer>> daysByPattern = new LinkedHashMap<>();
        for (int d = 0; d < 7; d++) {
            String pattern = dayRules(slots, d);
            daysByPattern.computeIfAbsent(pattern, k -> new ArrayList<>()).add(d);
        }
        List<String> rules = new ArrayList<>();
        daysByPattern.forEach((pattern, days) -> {
            for (String run : pattern.split(";")) {
                if (!run.isEmpty()) {
                    rules.add(days(days) + " " + run);
                }
            }
        });
        return rules.isEmpty() ? "* off" : String.join("; ", rules);
    }

    /** One day's non-off runs as "hh:mm-hh:mm level" separated by ';' (times left out for a whole day). */
    private static String dayRules(byte[] slots, int day) {
        List<String> runs = new ArrayList<>();
        int base = day * QUARTERS_PER_DAY;
        for (int q = 0; q < QUARTERS_PER_DAY; ) {
            int end = q;
            while (end < QUARTERS_PER_DAY && slots[base + end] == slots[base + q]) {
                end++;
            }
            BandwidthLevel level = BandwidthLevel.of(slots[base + q]).orElseThrow();
            if (level != BandwidthLevel.OFF) {
                runs.add((q == 0 && end == QUARTERS_PER_DAY ? "" : time(q) + "-" + time(end) + " ") + name(level));
            }
            q = end;
        }
        return String.join(";", runs);
    }

    private static String days(List<Integer> days) {
        if (days.size() == 7) {
            return "*";
        }
        List<String> spans = new ArrayList<>();
        for (int i = 0; i < days.size(); ) {
            int j = i;
            while (j + 1 < days.size() && days.get(j + 1) == days.get(j) + 1) {
                j++;
            }
            spans.add(j - i >= 2 ? DAYS[days.get(i)] + "-" + DAYS[days.get(j)]
                    : String.join(",", days.subList(i, j + 1).stream().map(d -> DAYS[d]).toList()));
            i = j + 1;
        }
        return String.join(",", spans);
    }

    private static String time(int quarter) {
        return String.format(Locale.ROOT, "%02d:%02d", quarter / 4, quarter % 4 * 15);
    }
}
