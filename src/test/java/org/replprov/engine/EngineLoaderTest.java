package org.replprov.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.ServiceConfigurationError;

import org.junit.jupiter.api.Test;
import org.replprov.config.ConfigurationException;
import org.replprov.engine.spi.EngineContext;
import org.replprov.engine.spi.ReplicationEngine;
import org.replprov.engine.spi.ReplicationEngineProvider;
import org.replprov.testing.FakeEngine;
import org.replprov.testing.FakeEngineProvider;

class EngineLoaderTest {

    private static ReplicationEngineProvider named(String name) {
        return new ReplicationEngineProvider() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public ReplicationEngine create(EngineContext context) {
                throw new UnsupportedOperationException();
            }
        };
    }

    @Test
    void findsTheFakeThroughServiceLoader() {
        EngineLoader loader = EngineLoader.fromClassPath();
        assertThat(loader.names()).contains("fake");
        ReplicationEngine engine = loader.create(new EngineContext("fake", Map.of(), Clock.systemUTC()));
        assertThat(engine).isInstanceOf(FakeEngine.class);
    }

    @Test
    void selectsByNameIgnoringCase() {
        EngineLoader loader = new EngineLoader(() -> List.of(named("alpha"), new FakeEngineProvider()).iterator());
        assertThat(loader.select("FAKE")).isInstanceOf(FakeEngineProvider.class);
    }

    @Test
    void unknownNameListsTheNamesFound() {
        EngineLoader loader = new EngineLoader(() -> List.of(named("beta"), named("alpha")).iterator());
        assertThatThrownBy(() -> loader.select("gamma"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("unknown engine 'gamma'")
                .hasMessageContaining("engines found: alpha (")
                .hasMessageContaining("beta (");
    }

    @Test
    void ambiguousNameStopsStartUp() {
        EngineLoader loader = new EngineLoader(() -> List.of(named("twin"), named("Twin")).iterator());
        assertThatThrownBy(() -> loader.select("twin"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("ambiguous: 2 adapters");
    }

    @Test
    void noAdaptersAtAllIsSaid() {
        EngineLoader loader = new EngineLoader(() -> List.<ReplicationEngineProvider>of().iterator());
        assertThatThrownBy(() -> loader.select("fake"))
                .hasMessageContaining("no engine adapters found on the class path");
        assertThatThrownBy(() -> loader.select(" "))
                .hasMessageContaining("no engine configured");
    }

    @Test
    void aBrokenRegistrationIsIsolatedAndReported() {
        Iterator<ReplicationEngineProvider> it = new Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
                return i < 3;
            }

            @Override
            public ReplicationEngineProvider next() {
                if (i >= 3) {
                    throw new NoSuchElementException();
                }
                i++;
                if (i == 2) {
                    throw new ServiceConfigurationError("org.example.Missing not found");
                }
                return named(i == 1 ? "one" : "three");
            }
        };
        EngineLoader loader = new EngineLoader(() -> it);
        assertThat(loader.names()).containsExactly("one", "three");
        assertThatThrownBy(() -> loader.select("two"))
                .hasMessageContaining("could not load: org.example.Missing not found");
    }

    @Test
    void aProviderWithoutAReadableNameIsSkipped() {
        ReplicationEngineProvider throwing = new ReplicationEngineProvider() {
            @Override
            public String name() {
                throw new IllegalStateException("no name");
            }

            @Override
            public ReplicationEngine create(EngineContext context) {
                return null;
            }
        };
        EngineLoader loader = new EngineLoader(() -> List.of(throwing, named(null), named("ok")).iterator());
        assertThat(loader.names()).containsExactly("ok");
        assertThatThrownBy(() -> loader.select("x"))
                .hasMessageContaining("could not load: no name; ")
                .hasMessageContaining("has no name");
    }

    @Test
    void aFailingCreateIsAConfigurationError() {
        EngineLoader loader = EngineLoader.fromClassPath();
        assertThatThrownBy(() -> loader.create(new EngineContext("fake", Map.of("broken", "yes"), Clock.systemUTC())))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("engine 'fake' could not be created: setting 'broken'");
    }
}
