package org.replprov.log;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;

class LogSafeTest {

    @Test
    void controlCharactersAreEscapedSoNoValueCanEndALine() {
        assertThat(LogSafe.of("eve\n2024-01-15T10:00:00Z INFO forged")).isEqualTo(
                "eve\\n2024-01-15T10:00:00Z INFO forged");
        assertThat(LogSafe.of("a\rb\tc")).isEqualTo("a\\rb\\tc");
        assertThat(LogSafe.of("nul\u0000 esc\u001b[31m del\u007f nel\u0085 ls\u2028 ps\u2029 rlo\u202e lri\u2066"))
                .isEqualTo("nul\\u0000 esc\\u001b[31m del\\u007f nel\\u0085 ls\\u2028 ps\\u2029 rlo\\u202e"
                        + " lri\\u2066");
        assertThat(LogSafe.of("plain text, ünïcode and 日本語")).isEqualTo("plain text, ünïcode and 日本語");
        assertThat(LogSafe.of(null)).isEqualTo("null");
        for (char c = 0; c < 0xffff; c++) {
            String escaped = LogSafe.of("x" + c + "y");
            assertThat(escaped.lines().count()).as("U+%04x", (int) c).isEqualTo(1);
        }
    }

    @Test
    void longValuesAreCutAndSaySo() {
        String cut = LogSafe.of("u".repeat(12_000));
        assertThat(cut).startsWith("u".repeat(LogSafe.DEFAULT_MAX)).endsWith("…(cut, 12000 chars)")
                .hasSize(LogSafe.DEFAULT_MAX + "…(cut, 12000 chars)".length());
        assertThat(LogSafe.of("abcdef", 3)).isEqualTo("abc…(cut, 6 chars)");
        assertThat(LogSafe.of("abc", 3)).isEqualTo("abc");
        assertThat(LogSafe.of("a\nbcdef", 3)).isEqualTo("a\\nb…(cut, 7 chars)");
        // A surrogate pair is kept whole or not at all.
        assertThat(LogSafe.of("ab\uD83D\uDE00", 3)).isEqualTo("ab…(cut, 4 chars)");
    }

    @Test
    void theTextLogFormatEscapesAndBoundsEveryMessage() {
        LoggerContext context = new LoggerContext();
        PatternLayout layout = new PatternLayout();
        layout.setContext(context);
        layout.getInstanceConverterMap().put("msg", SafeMessageConverter.class.getName());
        layout.setPattern("%level %msg%n");
        layout.start();
        LoggingEvent event = new LoggingEvent("test", context.getLogger("test"), Level.WARN,
                "Authentication failed for user '{}'", null, new Object[] {"admin\nINFO - all is well"});
        assertThat(layout.doLayout(event)).isEqualTo(
                "WARN Authentication failed for user 'admin\\nINFO - all is well'\n");
        LoggingEvent big = new LoggingEvent("test", context.getLogger("test"), Level.INFO, "{}", null,
                new Object[] {"p".repeat(100_000)});
        assertThat(layout.doLayout(big)).hasSizeLessThan(SafeMessageConverter.MAX + 100)
                .endsWith("…(cut, 100000 chars)\n");
    }
}
