package org.replprov.cim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/** Runs {@code vectors/cim-datetime/datetime.tsv}: one row, one datetime. */
class CimDateTimeVectorsTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvFileSource(resources = "/vectors/cim-datetime/datetime.tsv", delimiter = '\t', quoteCharacter = '`')
    void vector(String input, String kind, String expected) {
        if (kind.equals("error")) {
            assertThatThrownBy(() -> CimDateTime.parse(input))
                    .isInstanceOfSatisfying(CimException.class, e -> {
                        assertThat(e.status()).isEqualTo(WbemStatus.WBEM_E_TYPE_MISMATCH);
                        if (!expected.equals("-")) {
                            assertThat(e.description()).contains("at position " + expected + ":");
                        }
                    });
            return;
        }
        CimDateTime dt = CimDateTime.parse(input);
        assertThat(dt.text()).isEqualTo(input);
        assertThat(dt).isInstanceOf(kind.equals("timestamp") ? CimTimestamp.class : CimInterval.class);
        assertThat(dt.isConcrete()).isEqualTo(!expected.equals("wildcard"));
        if (dt instanceof CimTimestamp ts && ts.isConcrete()) {
            Instant instant = Instant.parse(expected);
            assertThat(ts.toInstant()).contains(instant);
            // Printing the instant back in UTC and reparsing gives an equal timestamp.
            assertThat(CimTimestamp.of(instant)).isEqualTo(ts);
        }
        if (dt instanceof CimInterval iv && iv.isConcrete()) {
            Duration d = Duration.parse(expected);
            assertThat(iv.toDuration()).contains(d);
            assertThat(CimInterval.of(d)).isEqualTo(iv);
        }
    }

    @Test
    void concreteTimestampsCompareByInstantWhateverTheirOffsets() {
        CimTimestamp utc = CimTimestamp.parse("20240115183000.000000+000");
        CimTimestamp pacific = CimTimestamp.parse("20240115103000.000000-480");
        CimTimestamp later = CimTimestamp.parse("20240115183000.000001+000");
        assertThat(utc).isEqualTo(pacific).hasSameHashCodeAs(pacific);
        assertThat(utc.compareTo(pacific)).isZero();
        assertThat(utc.compareTo(later)).isNegative();
        assertThat(pacific.toOffsetDateTime()).contains(OffsetDateTime.of(2024, 1, 15, 10, 30, 0, 0,
                ZoneOffset.ofHours(-8)));
    }

    @Test
    void wildcardTimestampsCompareAsText() {
        CimTimestamp a = CimTimestamp.parse("19980401135809.000000+***");
        CimTimestamp b = CimTimestamp.parse("19980401135809.000000+000");
        assertThat(a).isNotEqualTo(b);
        assertThat(a.toInstant()).isEmpty();
        assertThat(b.compareTo(a)).isNegative();
        assertThatThrownBy(a::epochMicros).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void offsetsKeepTheirMinutes() {
        OffsetDateTime india = OffsetDateTime.of(2024, 3, 1, 12, 0, 0, 123_456_789, ZoneOffset.ofHoursMinutes(5, 30));
        assertThat(CimTimestamp.of(india).text()).isEqualTo("20240301120000.123456+330");
        assertThatThrownBy(() -> CimTimestamp.of(OffsetDateTime.of(2024, 1, 1, 0, 0, 0, 0,
                ZoneOffset.ofTotalSeconds(30)))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void concreteTimestampsRenderTheTextTheyWereParsedFrom() {
        for (String text : new String[] {"20240115103000.000000-480", "00000101000000.000000+999",
                "00000101000000.000000-999", "99991231235959.999999-999", "99991231235959.999999+999",
                "19691231235959.999999+000", "20240229120000.000001+330", "20240115103000.000000-000"}) {
            CimTimestamp t = CimTimestamp.parse(text);
            assertThat(t.text()).isEqualTo(text);
            assertThat(t).hasToString(text);
            assertThat(CimTimestamp.of(t.toOffsetDateTime().orElseThrow())).isEqualTo(t);
        }
        assertThat(CimTimestamp.of(Instant.parse("0000-01-01T00:00:00Z")).text())
                .isEqualTo("00000101000000.000000+000");
        assertThatThrownBy(() -> CimTimestamp.of(OffsetDateTime.of(2024, 1, 1, 0, 0, 0, 0,
                ZoneOffset.ofHours(17)))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void dfsrNeverIsTheDocumentedDefault() {
        assertThat(CimTimestamp.DFSR_NEVER.text()).isEqualTo("99990101000000.000000+000");
        assertThat(CimTimestamp.DFSR_NEVER.toInstant()).contains(Instant.parse("9999-01-01T00:00:00Z"));
    }
}
