package org.replprov.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;
import org.replprov.config.ConfigurationException;
import org.replprov.engine.spi.EngineException;
import org.replprov.engine.spi.Link;
import org.replprov.engine.spi.Observation;
import org.replprov.testing.FakeEngine;
import org.replprov.testing.Links;

/** The engine host: instances, their start, the fan-out of facts and failures. */
class EngineHostTest {

    /** Records what a subscriber hears, as "engine: fact" lines. */
    static final class Heard implements EngineEvents {
        final List<String> lines = new CopyOnWriteArrayList<>();

        @Override
        public void observed(String engine, Observation fact) {
            lines.add(engine + ": " + (fact instanceof Link l ? "link " + l.partnerName() : fact.toString()));
        }

        @Override
        public void engineFailed(String engine, String why) {
            lines.add(engine + " failed: " + why);
        }
    }

    @Test
    void aSlowStartDelaysNoOtherEngineAndIsReportedDown() {
        FakeEngine slow = new FakeEngine(Clock.systemUTC());
        FakeEngine fast = new FakeEngine(Clock.systemUTC());
        CountDownLatch release = slow.hang("start");
        try (EngineHost host = EngineHost.builder().engine("slow", slow).engine("fast", "fake", fast)
                .timeout(Duration.ofMillis(300)).build()) {
            Heard heard = new Heard();
            host.subscribe(heard);
            long t0 = System.nanoTime();
            host.start();
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("both starts ran at once")
                    .isLessThan(Duration.ofSeconds(3));
            assertThat(host.status()).extracting(EngineStatus::engine, EngineStatus::type, EngineStatus::up)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("slow", "slow", false),
                            org.assertj.core.groups.Tuple.tuple("fast", "fake", true));
            assertThat(host.status().get(0).failure()).hasValueSatisfying(f -> assertThat(f)
                    .contains("did not answer start within 300 ms"));
            assertThat(heard.lines).anySatisfy(l -> assertThat(l).startsWith("slow failed: "));
            fast.report(Links.inbound(1));
            assertThat(heard.lines).contains("fast: link BRANCH1");
        } finally {
            release.countDown();
        }
    }

    @Test
    void everySubscriberHearsEveryFactNamedByItsEngineEvenWhenAnotherThrows() {
        FakeEngine a = new FakeEngine(Clock.systemUTC());
        FakeEngine b = new FakeEngine(Clock.systemUTC());
        try (EngineHost host = EngineHost.builder().engine("a", a).engine("b", b).build()) {
            Heard first = new Heard();
            Heard second = new Heard();
            host.subscribe(first);
            host.subscribe(new EngineEvents() {
                @Override
                public void observed(String engine, Observation fact) {
                    throw new IllegalStateException("a broken subscriber");
                }

                @Override
                public void engineFailed(String engine, String why) {
                    throw new IllegalStateException("a broken subscriber");
                }
            });
            host.subscribe(second);
            host.start();
            a.report(Links.inbound(1));
            b.report(Links.outbound(2));
            assertThat(first.lines).containsExactly("a: link BRANCH1", "b: link BRANCH2");
            assertThat(second.lines).isEqualTo(first.lines);
        }
    }

    @Test
    void aCallThatShowsTheEngineBrokenIsToldToEverySubscriber() {
        FakeEngine a = new FakeEngine(Clock.systemUTC()).breakWith("checkConnectivity",
                new IllegalStateException("adapter bug"));
        try (EngineHost host = EngineHost.builder().engine("a", a).build()) {
            Heard heard = new Heard();
            host.subscribe(heard);
            host.start();
            assertThatThrownBy(() -> host.engine("a").orElseThrow().checkConnectivity(Links.connection(1)))
                    .isInstanceOf(EngineException.class);
            assertThat(heard.lines).singleElement().asString().startsWith("a failed: engine 'a' failed in "
                    + "checkConnectivity");
        }
    }

    @Test
    void instanceNamesAreUniqueAndFitForLabelsAndPaths() {
        FakeEngine e = new FakeEngine(Clock.systemUTC());
        assertThatThrownBy(() -> EngineHost.builder().engine("x", e).engine("x", e))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("used twice");
        assertThatThrownBy(() -> EngineHost.builder().engine("a b", e))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("is not allowed");
        assertThatThrownBy(() -> EngineHost.builder().engine("x".repeat(65), e))
                .isInstanceOf(ConfigurationException.class);
    }

    @Test
    void closeClosesEveryEngine() {
        FakeEngine a = new FakeEngine(Clock.systemUTC());
        FakeEngine b = new FakeEngine(Clock.systemUTC());
        EngineHost host = EngineHost.builder().engine("a", a).engine("b", b).build();
        host.start();
        host.close();
        assertThat(a.isClosed()).isTrue();
        assertThat(b.isClosed()).isTrue();
    }
}
