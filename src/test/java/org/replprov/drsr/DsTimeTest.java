package org.replprov.drsr;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** DSTIME (MS-DRSR §5.51): seconds since 1601-01-01 UTC, 0 = never. */
class DsTimeTest {

    @Test
    void convertsBothWays() {
        Instant instant = Instant.parse("2024-11-11T21:56:43Z");
        assertThat(DsTime.of(instant).seconds()).isEqualTo(13375835803L);
        assertThat(new DsTime(13375835803L).toInstant()).contains(instant);
        assertThat(DsTime.of(Instant.EPOCH).seconds()).isEqualTo(11644473600L);
        assertThat(new DsTime(1).toInstant()).contains(Instant.parse("1601-01-01T00:00:01Z"));
    }

    @Test
    void zeroIsNeverAndHasNoInstant() {
        assertThat(DsTime.NEVER.isNever()).isTrue();
        assertThat(DsTime.NEVER.toInstant()).isEmpty();
        assertThat(DsTime.NEVER).hasToString("0 = never");
    }

    @Test
    void subSecondsAreDropped() {
        assertThat(DsTime.of(Instant.parse("2024-11-11T21:56:43.999Z")).seconds()).isEqualTo(13375835803L);
    }

    @Test
    void beforeTheEpochIsSignedAndValuesBeyondInstantAreOutOfRange() {
        assertThat(new DsTime(-1).toInstant()).contains(Instant.parse("1600-12-31T23:59:59Z"));
        assertThat(new DsTime(Long.MAX_VALUE).toInstant()).isEmpty();
        assertThat(new DsTime(Long.MIN_VALUE).toInstant()).isEmpty();
        assertThat(new DsTime(Long.MAX_VALUE).isNever()).isFalse();
        assertThat(new DsTime(Long.MAX_VALUE)).hasToString(Long.MAX_VALUE + " = out of range");
        assertThat(new DsTime(13375835803L)).hasToString("13375835803 = 2024-11-11T21:56:43Z");
    }
}
