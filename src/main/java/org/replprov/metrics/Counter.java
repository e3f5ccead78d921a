package org.replprov.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** A monotonically increasing count per label combination; the name ends in {@code _total}. */
public final class Counter implements Collector {

    private final String name;
    private final String help;
    private final List<String> labelNames;
    private final SeriesLimit limit;
    private final Map<List<String>, LongAdder> series = new ConcurrentHashMap<>();

    Counter(String name, String help, List<String> labelNames) {
        if (!name.endsWith("_total")) {
            throw new IllegalArgumentException("counter names end in _total: " + name);
        }
        this.name = name;
        this.help = help;
        this.labelNames = List.copyOf(labelNames);
        this.limit = new SeriesLimit(name, labelNames.size());
    }

    /** Adds one to the series of {@code labelValues}. */
    public void increment(String... labelValues) {
        series.computeIfAbsent(limit.key(series, labelValues), k -> new LongAdder()).increment();
    }

    /** The current count of one series, 0 when it has none. */
    public long value(String... labelValues) {
        LongAdder a = series.get(List.of(labelValues));
        return a == null ? 0 : a.sum();
    }

    @Override
    public List<MetricFamily> collect() {
        List<MetricFamily.Sample> samples = new ArrayList<>();
        series.forEach((labels, count) -> samples.add(MetricFamily.Sample.of(labelNames, labels, count.sum())));
        return List.of(new MetricFamily(name, help, MetricFamily.Type.COUNTER, samples));
    }
}
