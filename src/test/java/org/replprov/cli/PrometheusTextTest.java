package org.replprov.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The exposition-format reader of {@code status}: samples, escapes, and malformed lines named by line and column. */
class PrometheusTextTest {

    @Test
    void readsSamplesWithLabelsAndSkipsComments() throws Exception {
        List<PrometheusText.Sample> s = PrometheusText.parse("""
                # HELP replprov_engine_up 1 when up.
                # TYPE replprov_engine_up gauge
                replprov_engine_up{engine="embedded"} 1

                repsto{naming_context="CN=A\\\\B",na_dsa="say \\"hi\\"\\n",} 3 1700000000000
                process_start_time_seconds 1.7000000005E9
                up NaN
                """);
        assertThat(s).containsExactly(
                new PrometheusText.Sample("replprov_engine_up", Map.of("engine", "embedded"), 1),
                new PrometheusText.Sample("repsto",
                        Map.of("naming_context", "CN=A\\B", "na_dsa", "say \"hi\"\n"), 3),
                new PrometheusText.Sample("process_start_time_seconds", Map.of(), 1.7000000005E9),
                new PrometheusText.Sample("up", Map.of(), Double.NaN));
    }

    @Test
    void malformedLinesNameLineAndColumn() {
        assertThatThrownBy(() -> PrometheusText.parse("a 1\nb{x=1} 2\n"))
                .isInstanceOf(PrometheusText.Malformed.class).hasMessage("line 2, column 5: expected '\"'");
        assertThatThrownBy(() -> PrometheusText.parse("a{x=\"1} 2"))
                .hasMessage("line 1, column 10: unterminated label value");
        assertThatThrownBy(() -> PrometheusText.parse("a{x=\"\\t\"} 2"))
                .hasMessage("line 1, column 6: unknown escape \\t");
        assertThatThrownBy(() -> PrometheusText.parse("a 12abc"))
                .hasMessage("line 1, column 2: not a number: 12abc");
        assertThatThrownBy(() -> PrometheusText.parse("a{x=\"1\"}2"))
                .hasMessage("line 1, column 9: expected a space before the value");
        assertThatThrownBy(() -> PrometheusText.parse("9a 1")).hasMessage("line 1, column 1: expected a metric name");
        assertThatThrownBy(() -> PrometheusText.parse("a 1 2 3"))
                .hasMessage("line 1, column 2: expected a value and at most a timestamp");
    }
}
