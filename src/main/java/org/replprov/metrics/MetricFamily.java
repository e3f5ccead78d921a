package org.replprov.metrics;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One metric as exposed: name, help text, type and samples. Histogram samples carry their suffix
 * ({@code _bucket}, {@code _sum}, {@code _count}).
 */
public record MetricFamily(String name, String help, Type type, List<Sample> samples) {

    /** The exposition-format types used here. */
    public enum Type {
        COUNTER, GAUGE, HISTOGRAM;

        String keyword() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    public MetricFamily {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a metric name: " + name);
        }
        Objects.requireNonNull(help, "help");
        Objects.requireNonNull(type, "type");
        samples = List.copyOf(samples);
    }

    /** A value with its label values (names in {@code labelNames} order) and an optional name suffix. */
    public record Sample(String suffix, List<String> labelNames, List<String> labelValues, double value) {
        public Sample {
            labelNames = List.copyOf(labelNames);
            labelValues = List.copyOf(labelValues);
            if (labelNames.size() != labelValues.size()) {
                throw new IllegalArgumentException("labels " + labelNames + " got values " + labelValues);
            }
        }

        public static Sample of(List<String> labelNames, List<String> labelValues, double value) {
            return new Sample("", labelNames, labelValues, value);
        }
    }
}
