package org.replprov.engine.spi;

import java.util.Optional;

/**
 * BANDWIDTH_LEVEL (ForceReplication documentation): the Bandwidth parameter of ForceReplication and ForceFolderReplication, and the
 * nibbles of a connection schedule. Rates are in bits per second; OFF stops replication, INFINITE does not throttle.
 */
public enum BandwidthLevel {
    OFF(0x0, 0),
    KBPS_16(0x1, 16_000L),
    KBPS_64(0x2, 64_000L),
    KBPS_128(0x3, 128_000L),
    KBPS_256(0x4, 256_000L),
    KBPS_512(0x5, 512_000L),
    MBPS_1(0x6, 1_000_000L),
    MBPS_2(0x7, 2_000_000L),
    MBPS_4(0x8, 4_000_000L),
    MBPS_8(0x9, 8_000_000L),
    MBPS_16(0xA, 16_000_000L),
    MBPS_32(0xB, 32_000_000L),
    MBPS_64(0xC, 64_000_000L),
    MBPS_128(0xD, 128_000_000L),
    MBPS_256(0xE, 256_000_000L),
    /** BANDWIDTH_LEVEL_INFINITE: full bandwidth. */
    INFINITE(0xF, Long.MAX_VALUE);

    private final int value;
    private final long bitsPerSecond;

    BandwidthLevel(int value, long bitsPerSecond) {
        this.value = value;
        this.bitsPerSecond = bitsPerSecond;
    }

    public int value() {
        return value;
    }

    /** The rate; {@link Long#MAX_VALUE} for INFINITE. */
    public long bitsPerSecond() {
        return bitsPerSecond;
    }

    /** The documented symbol, {@code BANDWIDTH_LEVEL_16_KBPS}. */
    public String symbol() {
        return "BANDWIDTH_LEVEL_" + (this == OFF || this == INFINITE ? name()
                : name().substring(name().indexOf('_') + 1) + "_" + name().substring(0, name().indexOf('_')));
    }

    /** The level for a Bandwidth parameter value; empty outside 0x0..0xF. */
    public static Optional<BandwidthLevel> of(long value) {
        return value >= 0 && value <= 0xF ? Optional.of(values()[(int) value]) : Optional.empty();
    }
}
