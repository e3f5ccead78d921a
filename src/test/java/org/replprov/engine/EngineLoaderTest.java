package org.replprov.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.ServiceConfigurationError;

import org.junit.jupiter.api.Test;
import org.replprov.config.ConfigException;
import org.replprov.config.ConfigNode;
import org.replprov.config.ConfigurationException;
import org.replprov.config.YamlReader;
import org.replprov.engine.spi.EngineContext;
import org.replprov.engine.spi.ReplicationEngine;
import org.replprov.engine.spi.ReplicationEngineProvider;
import org.replprov.testing.FakeEngine;
import org.replprov.testing.FakeEngineProvider;
import org.replprov.testing.ManualScheduler;
import org.replprov.testing.Settings;

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
        ReplicationEngine engine = loader.create(context("fake", Map.of()));
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
                .hasMessageContaining("unknown engine type 'gamma'")
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
                .hasMessageContaining("no engine type configured");
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
        assertThatThrownBy(() -> loader.create(context("fake", Map.of("broken", "yes"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("engine instance 'test' (type fake) could not be created: setting 'broken'");
    }

    /** An unknown type is a configuration error pointing at the instance, listing the adapters found. */
    @Test
    void anUnknownTypePointsAtTheInstance() {
        ConfigNode engines = YamlReader.read("replprov.yaml", "engines:\n  sysvol:\n    type: nosuch\n")
                .get("engines");
        EngineContext context = new EngineContext("sysvol", "nosuch", engines.get("sysvol").without("type"),
                Path.of("state/engines/sysvol"), new ManualScheduler(), null);
        assertThatThrownBy(() -> EngineLoader.fromClassPath().create(context)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("replprov.yaml:3:5: engines.sysvol: unknown engine type 'nosuch'; "
                        + "engines found: ")
                .hasMessageContaining("fake (");
    }

    private static EngineContext context(String type, Map<String, String> settings) {
        return new EngineContext("test", type, Settings.node(settings), Path.of("state/engines/test"),
                new ManualScheduler(), null);
    }
}
