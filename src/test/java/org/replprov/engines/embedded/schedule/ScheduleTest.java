package org.replprov.engines.embedded.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.replprov.engine.spi.BandwidthLevel;

/** The 336-byte layout, the readable syntax and their agreement; levels and changes at given instants. */
class ScheduleTest {

    /** 2026-11-23 is a Monday. */
    static Instant at(String dayAndTime) {
        return Instant.parse("2026-11-" + dayAndTime + "Z");
    }

    static Schedule parse(String text) {
        return ScheduleSyntax.parse(text, ZoneOffset.UTC);
    }

    @Test
    void officeHoursAreThrottledAndTheRestIsFull() {
        Schedule s = parse("* full; mon-fri 08:00-18:00 1mbps");
        assertThat(s.levelAt(at("23T07:59:59"))).isEqualTo(BandwidthLevel.INFINITE);
        assertThat(s.levelAt(at("23T08:00:00"))).isEqualTo(BandwidthLevel.MBPS_1);
        assertThat(s.levelAt(at("27T17:59:59"))).isEqualTo(BandwidthLevel.MBPS_1);
        assertThat(s.levelAt(at("27T18:00:00"))).isEqualTo(BandwidthLevel.INFINITE);
        assertThat(s.levelAt(at("28T12:00:00"))).isEqualTo(BandwidthLevel.INFINITE);
        assertThat(s.nextChange(at("23T07:00:00"))).contains(at("23T08:00:00"));
        assertThat(s.toString()).isEqualTo("sun,sat full; mon-fri 00:00-08:00 full; mon-fri 08:00-18:00 1mbps; "
                + "mon-fri 18:00-24:00 full");
    }

    @ParameterizedTest(name = "{0} -> byte {1} = {2}")
    @CsvSource(delimiter = '|', textBlock = """
            sun 00:00-00:15 16kbps | 0   | 10
            sun 00:15-00:30 64kbps | 0   | 02
            sun 00:30-01:00 full   | 1   | ff
            mon 00:00-00:15 off    | 48  | 00
            mon 00:00-00:30 256mbps| 48  | ee
            sat 23:45-24:00 full   | 335 | 0f
            """)
    void quarterHoursMapToNibblesHighFirstFromSunday(String rule, int index, String hex) {
        byte[] bytes = parse(rule).toBytes();
        assertThat(bytes).hasSize(Schedule.BYTES);
        assertThat(String.format("%02x", bytes[index] & 0xFF)).isEqualTo(hex);
        int nonZero = 0;
        for (byte b : bytes) {
            nonZero += b != 0 ? 1 : 0;
        }
        assertThat(nonZero).isLessThanOrEqualTo(1);
    }

    @Test
    void aRangeEndingBeforeItStartsRunsPastMidnightAndTheWeekWraps() {
        Schedule s = parse("fri 22:00-06:00 full; sat-sun 23:00-01:00 8mbps");
        assertThat(s.isOpen(at("27T21:59:00"))).isFalse();
        assertThat(s.isOpen(at("27T22:00:00"))).isTrue();
        assertThat(s.isOpen(at("28T05:59:00"))).isTrue();
        assertThat(s.isOpen(at("28T06:00:00"))).isFalse();
        assertThat(s.levelAt(at("29T23:30:00"))).isEqualTo(BandwidthLevel.MBPS_8); // Sunday night...
        assertThat(s.levelAt(at("30T00:30:00"))).isEqualTo(BandwidthLevel.MBPS_8); // ...into Monday
        assertThat(s.nextOpen(at("28T06:00:00"))).contains(at("28T23:00:00"));
    }

    @Test
    void formatAndParseAgreeOnRandomSchedulesAndTheHexForm() {
        Random r = new Random(42);
        for (int i = 0; i < 200; i++) {
            byte[] bytes = new byte[Schedule.BYTES];
            for (int b = 0; b < bytes.length; b++) {
                // runs of equal bytes, as real schedules have
                bytes[b] = b > 0 && r.nextInt(8) != 0 ? bytes[b - 1] : (byte) r.nextInt(256);
            }
            Schedule s = Schedule.fromBytes(bytes, ZoneOffset.UTC);
            assertThat(s.toBytes()).isEqualTo(bytes);
            assertThat(parse(s.toString())).isEqualTo(s);
            assertThat(parse("hex:" + s.toHex())).isEqualTo(s);
        }
        assertThat(Schedule.NEVER.toString()).isEqualTo("* off");
        assertThat(Schedule.ALWAYS.toString()).isEqualTo("* full");
        assertThat(parse("* off").neverOpen()).isTrue();
        assertThat(Schedule.NEVER.nextOpen(at("23T00:00:00"))).isEmpty();
        assertThat(Schedule.ALWAYS.nextChange(at("23T00:00:00"))).isEmpty();
    }

    @Test
    void aScheduleIsReadInItsTimeZone() {
        Schedule berlin = ScheduleSyntax.parse("mon 09:00-10:00 full", ZoneId.of("Europe/Berlin"));
        assertThat(berlin.isOpen(at("23T08:30:00"))).isTrue(); // 09:30 in Berlin (UTC+1 in November)
        assertThat(berlin.isOpen(at("23T09:30:00"))).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            mon                       | schedule rule 1 ('mon'): expected 'days [hh:mm-hh:mm] level'
            * full; mon 08:00 1mbps   | schedule rule 2 ('mon 08:00 1mbps'): times '08:00' are not hh:mm-hh:mm
            mon 08:10-09:00 full      | time '08:10' is not a quarter hour between 00:00 and 24:00
            mon 08:00-08:00 full      | times '08:00-08:00' cover nothing
            funday full               | unknown day 'funday'
            mon 3mbps                 | unknown bandwidth '3mbps'
            hex:00ff                  | schedule hex: needs 672 hex digits, got 4 characters
            """)
    void mistakesAreNamed(String text, String message) {
        assertThatThrownBy(() -> parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
