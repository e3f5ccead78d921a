package org.replprov.metrics;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/** Observed values in cumulative buckets per label combination, with their sum and count. */
public final class Histogram implements Collector {

    /** Latency buckets in seconds, from half a millisecond to ten seconds. */
    public static final double[] LATENCY_SECONDS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5,
        1, 2.5, 5, 10};

    private final String name;
    private final String help;
    private final List<String> labelNames;
    private final double[] bounds;
    private final SeriesLimit limit;
    private final Map<List<String>, Series> series = new ConcurrentHashMap<>();

    private static final class Series {
        final LongAdder[] buckets;
        final DoubleAdder sum = new DoubleAdder();
        final LongAdder count = new LongAdder();

        Series(int n) {
            buckets = new LongAdder[n];
            for (int i = 0; i < n; i++) {
                buckets[i] = new LongAdder();
            }
        }
    }

    Histogram(String name, String help, double[] bounds, List<String> labelNames) {
        this.name = name;
        this.help = help;
        this.bounds = bounds.clone();
        this.labelNames = List.copyOf(labelNames);
        this.limit = new SeriesLimit(name, labelNames.size());
    }

    public void observe(double value, String... labelValues) {
        Series s = series.computeIfAbsent(limit.key(series, labelValues), k -> new Series(bounds.length));
        for (int i = 0; i < bounds.length; i++) {
            if (value <= bounds[i]) {
                s.buckets[i].increment();
                break;
            }
        }
        s.sum.add(value);
        s.count.increment();
    }

    /** Buckets are stored per interval and summed into the cumulative form the format wants. */
    @Override
    public List<MetricFamily> collect() {
        List<MetricFamily.Sample> samples = new ArrayList<>();
        List<String> bucketLabels = new ArrayList<>(labelNames);
        bucketLabels.add("le");
        series.forEach((labels, s) -> {
            long cumulative = 0;
            for (int i = 0; i < bounds.length; i++) {
                cumulative += s.buckets[i].sum();
                samples.add(new MetricFamily.Sample("_bucket", bucketLabels, with(labels, format(bounds[i])),
                        cumulative));
            }
            long count = s.count.sum();
            samples.add(new MetricFamily.Sample("_bucket", bucketLabels, with(labels, "+Inf"), count));
            samples.add(new MetricFamily.Sample("_sum", labelNames, labels, s.sum.sum()));
            samples.add(new MetricFamily.Sample("_count", labelNames, labels, count));
        });
        return List.of(new MetricFamily(name, help, MetricFamily.Type.HISTOGRAM, samples));
    }

    private static List<String> with(List<String> labels, String le) {
        List<String> out = new ArrayList<>(labels);
        out.add(le);
        return out;
    }

    private static String format(double bound) {
        return BigDecimal.valueOf(bound).stripTrailingZeros().toPlainString();
    }
}
