package org.replprov.engines.embedded.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.replprov.engine.spi.BandwidthLevel;

/** Rates measured on the clock: every limited level within ±10 %, alone and shared by concurrent transfers. */
class ThrottleTest {

    /** Moves {@code seconds} worth of bytes through the throttle from {@code threads} threads; the measured rate. */
    static double measure(Throttle t, double seconds, int threads) throws Exception {
        long total = (long) (t.rate() * seconds);
        List<Thread> workers = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < threads; i++) {
            Thread w = new Thread(() -> {
                try {
                    for (long moved = 0; moved < total / threads; ) {
                        int n = t.chunkSize();
                        t.acquire(n);
                        moved += n;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            workers.add(w);
            w.start();
        }
        for (Thread w : workers) {
            w.join();
        }
        return total / ((System.nanoTime() - start) / 1e9);
    }

    @Test
    void slowestMiddleAndFastestLimitedLevelsHold() throws Exception {
        for (BandwidthLevel level : List.of(BandwidthLevel.KBPS_16, BandwidthLevel.MBPS_1, BandwidthLevel.MBPS_256)) {
            Throttle t = new Throttle(Throttle.bytesPerSecond(level.bitsPerSecond()));
            double rate = measure(t, 1.5, 1);
            assertThat(rate).as(level.symbol()).isCloseTo(t.rate(), within(t.rate() * 0.10));
        }
    }

    @Test
    void concurrentTransfersShareTheRate() throws Exception {
        Throttle t = new Throttle(Throttle.bytesPerSecond(BandwidthLevel.MBPS_8.bitsPerSecond()));
        assertThat(measure(t, 1.5, 4)).isCloseTo(t.rate(), within(t.rate() * 0.10));
    }

    @Test
    void offHoldsTransfersUntilTheRateRises() throws Exception {
        Throttle t = new Throttle(0);
        Thread waiting = new Thread(() -> {
            try {
                t.acquire(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        waiting.start();
        waiting.join(300);
        assertThat(waiting.isAlive()).isTrue();
        t.setRate(Throttle.UNLIMITED);
        waiting.join(2000);
        assertThat(waiting.isAlive()).isFalse();
    }

    @Test
    void chunksAreAboutATwentiethOfASecond() {
        assertThat(new Throttle(2000).chunkSize()).isEqualTo(Throttle.MIN_CHUNK);
        assertThat(new Throttle(1_000_000).chunkSize()).isEqualTo(50_000);
        assertThat(Throttle.unlimited().chunkSize()).isEqualTo(Throttle.MAX_CHUNK);
    }
}
