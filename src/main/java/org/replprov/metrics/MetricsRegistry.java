package org.replprov.metrics;

import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's metrics and their exposition in the Prometheus text format 0.0.4 (what {@code promtool check metrics}
 * checks): {@code # HELP} and {@code # TYPE} before each family, label values escaped, one family per name.
 */
public final class MetricsRegistry {

    /** The media type of the text format. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private static final Logger log = LoggerFactory.getLogger(MetricsRegistry.class);

    private final List<Collector> collectors = new CopyOnWriteArrayList<>();

    public Counter counter(String name, String help, String... labelNames) {
        return register(new Counter(name, help, List.of(labelNames)));
    }

    public Histogram histogram(String name, String help, double[] buckets, String... labelNames) {
        return register(new Histogram(name, help, buckets, List.of(labelNames)));
    }

    public <C extends Collector> C register(C collector) {
        collectors.add(collector);
        return collector;
    }

    /**
     * Every family, collected now. Families of one name from several collectors (each class module's
     * {@code replprov_collector_up}) become one, since the format allows a name once. A collector that fails is logged
     * and left out of this scrape.
     */
    public List<MetricFamily> collect() {
        Map<String, MetricFamily> out = new LinkedHashMap<>();
        for (Collector c : collectors) {
            try {
                for (MetricFamily f : c.collect()) {
                    out.merge(f.name(), f, (a, b) -> new MetricFamily(a.name(), a.help(), a.type(),
                            java.util.stream.Stream.concat(a.samples().stream(), b.samples().stream()).toList()));
                }
            } catch (RuntimeException e) {
                log.warn("Metrics collector {} failed; its metrics are missing from this scrape", c, e);
            }
        }
        return List.copyOf(out.values());
    }

    /** Writes every family in the text format. */
    public void write(Writer w) throws IOException {
        for (MetricFamily f : collect()) {
            w.write("# HELP " + f.name() + " " + escapeHelp(f.help()) + "\n");
            w.write("# TYPE " + f.name() + " " + f.type().keyword() + "\n");
            for (MetricFamily.Sample s : f.samples()) {
                w.write(f.name());
                w.write(s.suffix());
                if (!s.labelNames().isEmpty()) {
                    w.write('{');
                    for (int i = 0; i < s.labelNames().size(); i++) {
                        w.write((i == 0 ? "" : ",") + s.labelNames().get(i) + "=\""
                                + escapeLabel(s.labelValues().get(i)) + "\"");
                    }
                    w.write('}');
                }
                w.write(' ');
                w.write(number(s.value()));
                w.write('\n');
            }
        }
    }

    private static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static String escapeHelp(String s) {
        return s.replace("\\", "\\\\").replace("\n", "\\n");
    }

    private static String escapeLabel(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
