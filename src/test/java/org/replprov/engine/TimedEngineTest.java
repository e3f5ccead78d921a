package org.replprov.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;
import org.replprov.engine.spi.Capability;
import org.replprov.engine.spi.EngineException;
import org.replprov.engine.spi.Uid;
import org.replprov.engine.spi.ReplicationMode;
import org.replprov.engine.spi.BandwidthLevel;
import org.replprov.testing.FakeEngine;

class TimedEngineTest {

    private static final UUID C = UUID.fromString("11111111-2222-3333-4444-555555555555");
    private static final BiConsumer<String, String> NOBODY = (engine, why) -> { };

    @Test
    void aHungCallTimesOutWithoutBlockingOtherEngines() throws Exception {
        FakeEngine slow = new FakeEngine(Clock.systemUTC());
        FakeEngine fast = new FakeEngine(Clock.systemUTC());
        CountDownLatch release = slow.hang("checkConnectivity");
        try (TimedEngine a = new TimedEngine("slow", slow, Duration.ofMillis(200), NOBODY);
             TimedEngine b = new TimedEngine("fast", fast, Duration.ofMillis(200), NOBODY)) {
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> a.checkConnectivity(C))
                    .isInstanceOfSatisfying(EngineException.class, e -> {
                        assertThat(e.kind()).isEqualTo(EngineException.Kind.TIMED_OUT);
                        assertThat(e.engineFailed()).isTrue();
                    })
                    .hasMessageContaining("engine 'slow' did not answer checkConnectivity within 200 ms");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
            b.checkConnectivity(C);
            assertThat(fast.calls("checkConnectivity")).hasSize(1);
        } finally {
            release.countDown();
        }
    }

    @Test
    void aRefusalPassesThroughWithItsCode() {
        FakeEngine fake = new FakeEngine(Clock.systemUTC()).refuse("forceReplication", 1722);
        try (TimedEngine e = new TimedEngine("f", fake, Duration.ofSeconds(5), NOBODY)) {
            assertThatThrownBy(() -> e.forceReplication(C, ReplicationMode.SYNC_NOW, BandwidthLevel.INFINITE))
                    .isInstanceOfSatisfying(EngineException.class, ex -> {
                        assertThat(ex.kind()).isEqualTo(EngineException.Kind.REFUSED);
                        assertThat(ex.returnCode()).hasValue(1722);
                        assertThat(ex.engineFailed()).isFalse();
                    });
        }
    }

    @Test
    void anAdapterBugBecomesAFailureNamingTheEngine() {
        FakeEngine fake = new FakeEngine(Clock.systemUTC()).breakWith("checkConnectivity",
                new NullPointerException("oops"));
        List<String> told = new CopyOnWriteArrayList<>();
        try (TimedEngine e = new TimedEngine("buggy", fake, Duration.ofSeconds(5), (n, why) -> told.add(n + ": " + why))) {
            assertThatThrownBy(() -> e.checkConnectivity(C))
                    .isInstanceOfSatisfying(EngineException.class,
                            ex -> assertThat(ex.kind()).isEqualTo(EngineException.Kind.FAILED))
                    .hasMessageContaining("engine 'buggy' failed in checkConnectivity")
                    .hasMessageContaining("oops");
            assertThat(told).as("the host hears of the failure").singleElement().asString()
                    .startsWith("buggy: engine 'buggy' failed in checkConnectivity");
        }
    }

    @Test
    void anOperationOutsideTheCapabilitiesIsRefusedWithErrorNotSupportedWithoutCallingTheEngine() {
        FakeEngine fake = new FakeEngine(Clock.systemUTC()).without(Capability.FORCE_DOWNLOAD);
        try (TimedEngine e = new TimedEngine("partial", fake, Duration.ofSeconds(5), NOBODY)) {
            assertThatThrownBy(() -> e.forceDownload(C, C, Uid.parse("{" + C + "}-v1").orElseThrow()))
                    .isInstanceOfSatisfying(EngineException.class, ex -> {
                        assertThat(ex.kind()).isEqualTo(EngineException.Kind.REFUSED);
                        assertThat(ex.returnCode()).hasValue(EngineException.ERROR_NOT_SUPPORTED);
                    });
            assertThat(fake.calls("forceDownload")).isEmpty();
        }
    }

    @Test
    void hungCallsAreBoundedPerEngineAndACallBeyondTheBoundWaitsForOneToEnd() throws Exception {
        FakeEngine fake = new FakeEngine(Clock.systemUTC());
        CountDownLatch release = fake.hang("checkConnectivity");
        // A long timeout keeps the hung calls in flight while the bound fills up.
        try (TimedEngine e = new TimedEngine("stuck", fake, Duration.ofSeconds(30), NOBODY)) {
            List<Thread> callers = new ArrayList<>();
            List<Throwable> failures = new CopyOnWriteArrayList<>();
            for (int i = 0; i <= TimedEngine.MAX_CONCURRENT_CALLS; i++) {
                Thread t = new Thread(() -> {
                    try {
                        e.checkConnectivity(C);
                    } catch (EngineException ex) {
                        failures.add(ex);
                    }
                });
                callers.add(t);
                t.start();
                if (i < TimedEngine.MAX_CONCURRENT_CALLS) {
                    while (fake.calls("checkConnectivity").size() <= i) {
                        Thread.sleep(5);
                    }
                }
            }
            while (callers.get(TimedEngine.MAX_CONCURRENT_CALLS).getState() != Thread.State.TIMED_WAITING) {
                Thread.sleep(5);
            }
            Thread.sleep(100);
            assertThat(fake.calls("checkConnectivity")).as("the ninth call waits outside the adapter").hasSize(8);

            release.countDown();
            for (Thread t : callers) {
                t.join(5000);
            }
            assertThat(failures).isEmpty();
            assertThat(fake.calls("checkConnectivity")).hasSize(9);
        }
    }

    @Test
    void closeClosesTheEngineEvenWhenItThrows() {
        FakeEngine fake = new FakeEngine(Clock.systemUTC());
        new TimedEngine("f", fake, Duration.ofSeconds(1), NOBODY).close();
        assertThat(fake.isClosed()).isTrue();
    }
}
