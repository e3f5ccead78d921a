package org.replprov.providers.dfsr;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.replprov.cim.Guids;
import org.replprov.cim.CimClass;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimName;
import org.replprov.cim.CimObjectPath;
import org.replprov.cim.CimValue;
import org.replprov.provider.spi.Indication;
import org.replprov.provider.spi.ProviderContext;
import org.replprov.engine.EngineHost;
import org.replprov.state.StateStore;
import org.replprov.testing.FakeEngine;
import org.replprov.testing.ManualScheduler;
import org.replprov.testing.Links;
import org.replprov.mof.MofCompiler;

/** A provider over a fake engine on a manual clock, with every indication it raises collected. */
final class DfsrFixture implements AutoCloseable {

    static final CimClass CLASS = MofCompiler.loadShippedSchema().requireClass(DfsrSchema.NAMESPACE, DfsrSchema.CLASS);
    static final ProviderContext CTX = new ProviderContext("test", DfsrSchema.NAMESPACE, Instant.MAX);

    final ManualScheduler clock;
    final FakeEngine engine;
    final EngineHost host;
    final StateStore store;
    final DfsrConnectionInfoProvider provider;
    final List<Indication> events = new ArrayList<>();

    DfsrFixture() {
        this(new ManualScheduler(), StateStore.inMemory(), DfsrConnectionInfoProvider.DEFAULT_OUTBOUND_IDLE_TIME);
    }

    DfsrFixture(ManualScheduler clock, StateStore store, Duration idle) {
        this.clock = clock;
        this.engine = new FakeEngine(clock.clock());
        this.host = EngineHost.builder().engine("fake", engine).timeout(Duration.ofSeconds(5)).build();
        this.store = store;
        this.provider = DfsrConnectionInfoProvider.builder().cimClass(CLASS).engines(host)
                .stateStore(store).scheduler(clock).outboundIdleTime(idle).build();
        host.start();
        provider.enableIndications(CTX, CLASS, i -> {
            synchronized (events) {
                events.add(i);
            }
        });
    }

    static DfsrFixture onDisk(ManualScheduler clock, Path dir) {
        return new DfsrFixture(clock, StateStore.open(dir), DfsrConnectionInfoProvider.DEFAULT_OUTBOUND_IDLE_TIME);
    }

    static CimObjectPath path(UUID connection) {
        return CimObjectPath.of(null, DfsrSchema.CLASS, List.of(new CimObjectPath.Key(DfsrSchema.CONNECTION_GUID,
                CimValue.string(Guids.format(connection)))));
    }

    CimInstance instance(int n) {
        return provider.getInstance(CTX, CLASS, path(Links.connection(n))).orElseThrow();
    }

    boolean exists(int n) {
        return provider.getInstance(CTX, CLASS, path(Links.connection(n))).isPresent();
    }

    long state(int n) {
        return ((CimValue.Int) instance(n).value(DfsrSchema.STATE)).value();
    }

    /** Calls a method with parameters given as name, value, name, value… (values already typed). */
    long invoke(int n, CimName method, Object... nameValue) {
        Map<CimName, CimValue> in = new LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            Object v = nameValue[i + 1];
            in.put((CimName) nameValue[i], v instanceof String s ? CimValue.string(s) : CimValue.uint32((Long) v));
        }
        var m = CLASS.method(method).orElseThrow();
        CimValue rv = provider.invokeMethod(CTX, CLASS, path(Links.connection(n)), m, in).returnValue();
        return ((CimValue.Int) rv).value();
    }

    List<Indication> takeEvents() {
        synchronized (events) {
            List<Indication> out = List.copyOf(events);
            events.clear();
            return out;
        }
    }

    @Override
    public void close() {
        host.close();
        provider.close();
        store.close();
    }
}
