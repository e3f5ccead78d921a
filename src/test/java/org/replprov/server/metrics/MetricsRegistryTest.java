package org.replprov.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsRegistryTest {

    private static String text(MetricsRegistry r) throws IOException {
        StringWriter w = new StringWriter();
        r.write(w);
        return w.toString();
    }

    @Test
    void countersAndHistogramsInTheTextFormat() throws IOException {
        MetricsRegistry r = new MetricsRegistry();
        Counter c = r.counter("x_total", "Things\\counted,\nacross lines.", "kind");
        c.increment("a\"b\\c\nd");
        c.increment("a\"b\\c\nd");
        Histogram h = r.histogram("y_seconds", "Durations.", new double[] {0.0005, 1}, "op");
        h.observe(0.00025, "get");
        h.observe(0.75, "get");
        h.observe(3, "get");
        assertThat(text(r)).isEqualTo("""
                # HELP x_total Things\\\\counted,\\nacross lines.
                # TYPE x_total counter
                x_total{kind="a\\"b\\\\c\\nd"} 2
                # HELP y_seconds Durations.
                # TYPE y_seconds histogram
                y_seconds_bucket{op="get",le="0.0005"} 1
                y_seconds_bucket{op="get",le="1"} 2
                y_seconds_bucket{op="get",le="+Inf"} 3
                y_seconds_sum{op="get"} 3.75025
                y_seconds_count{op="get"} 3
                """);
        assertThat(c.value("a\"b\\c\nd")).isEqualTo(2);
    }

    @Test
    void seriesBeyondTheLimitAreCountedAsOther() {
        MetricsRegistry r = new MetricsRegistry();
        Counter c = r.counter("z_total", "Z.", "op");
        for (int i = 0; i < SeriesLimit.MAX_SERIES + 5; i++) {
            c.increment("op" + i);
        }
        c.increment("op0");
        assertThat(c.value("other")).isEqualTo(5);
        assertThat(c.value("op0")).isEqualTo(2);
        assertThat(c.collect().get(0).samples()).hasSize(SeriesLimit.MAX_SERIES + 1);
    }

    @Test
    void aFailingCollectorIsLeftOutOfTheScrape() throws IOException {
        MetricsRegistry r = new MetricsRegistry();
        r.register(() -> {
            throw new IllegalStateException("broken");
        });
        r.register(() -> List.of(new MetricFamily("ok", "Fine.", MetricFamily.Type.GAUGE,
                List.of(MetricFamily.Sample.of(List.of(), List.of(), 1)))));
        assertThat(text(r)).isEqualTo("# HELP ok Fine.\n# TYPE ok gauge\nok 1\n");
    }

    @Test
    void namesAndLabelCountsAreChecked() {
        MetricsRegistry r = new MetricsRegistry();
        assertThatIllegalArgumentException().isThrownBy(() -> r.counter("no_suffix", "x"));
        Counter c = r.counter("a_total", "A.", "one");
        assertThatIllegalArgumentException().isThrownBy(() -> c.increment("x", "y"));
        assertThatIllegalArgumentException().isThrownBy(() -> new MetricFamily("bad-name", "x",
                MetricFamily.Type.GAUGE, List.of()));
    }
}
