package org.replprov.testing;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.replprov.cim.CimClass;
import org.replprov.cim.CimException;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimMethod;
import org.replprov.cim.CimName;
import org.replprov.cim.CimObjectPath;
import org.replprov.cim.CimValue;
import org.replprov.cim.WbemStatus;
import org.replprov.provider.ObjectManager;
import org.replprov.provider.spi.Indication;
import org.replprov.provider.spi.IndicationProvider;
import org.replprov.provider.spi.IndicationSink;
import org.replprov.provider.spi.InstanceProvider;
import org.replprov.provider.spi.InstanceSink;
import org.replprov.provider.spi.MethodProvider;
import org.replprov.provider.spi.MethodResult;
import org.replprov.provider.spi.ProviderContext;

/**
 * A provider for protocol and daemon tests: DfsrConnectionInfo instances (of {@link DfsrFixture}'s class) that the
 * test sets, method calls it records, and events for every change. It runs inside the real object manager, which
 * checks, queries and subscribes as always; only the instances are the test's.
 */
public final class FixtureProvider implements InstanceProvider, MethodProvider, IndicationProvider {

    /** One recorded method call, with the parameters as the object manager typed them. */
    public record Call(CimObjectPath target, CimName method, Map<CimName, CimValue> parameters) {
    }

    /** The latest calls only: benchmarks make hundreds of thousands, and a growing list would skew their GC. */
    static final int KEPT_CALLS = 1000;

    private final Map<CimObjectPath, CimInstance> instances = new LinkedHashMap<>();
    private final Deque<Call> calls = new ArrayDeque<>();
    private final AtomicLong callCount = new AtomicLong();
    private final Clock clock = Clock.systemUTC();
    private volatile IndicationSink sink;
    private volatile Duration methodDelay = Duration.ZERO;

    /** The fixture with the two connections the recorded client requests of the protocol vectors name. */
    public static FixtureProvider dfsr() {
        FixtureProvider p = new FixtureProvider();
        p.put(DfsrFixture.connection1());
        p.put(DfsrFixture.connection2());
        return p;
    }

    /**
     * {@code n} connections for paging tests, in this order: i = 0, 1, … with ConnectionGuid
     * {@code {00000000-0000-0000-0000-00000000000i}} (i in twelve digits), PartnerName {@code FS0i}, inbound when i is
     * even, In Error (State 3) when i is a multiple of 3 and Online (1) otherwise, LastSyncDuration i.
     */
    public static FixtureProvider numbered(int n) {
        FixtureProvider p = new FixtureProvider();
        for (int i = 0; i < n; i++) {
            p.put(DfsrFixture.connection(String.format("{00000000-0000-0000-0000-%012d}", i),
                    "{77777777-8888-9999-AAAA-BBBBBBBBBBBB}", String.format("FS%02d", i), i % 2 == 0,
                    i % 3 == 0 ? 3 : 1, "20240115103000.000000+000", i, "20240115103000.000000+000",
                    "20240115110000.000000+000", 0, 0));
        }
        return p;
    }

    /** An object manager over {@link DfsrFixture#repository()} serving this provider's instances. */
    public ObjectManager objectManager() {
        return ObjectManager.builder(DfsrFixture.repository())
                .register(DfsrFixture.NAMESPACE, DfsrFixture.CONNECTION_INFO.name(), this).build();
    }

    @Override
    public String name() {
        return "fixture";
    }

    /** Adds or replaces an instance, raising a creation or modification event. */
    public void put(CimInstance instance) {
        CimInstance previous;
        synchronized (instances) {
            previous = instances.put(instance.path(), instance);
        }
        publish(previous == null ? Indication.created(instance, clock.instant())
                : Indication.modified(previous, instance, clock.instant()));
    }

    /** Removes an instance, raising a deletion event. */
    public void remove(CimObjectPath path) {
        CimInstance removed;
        synchronized (instances) {
            removed = instances.remove(path.relative());
        }
        if (removed != null) {
            publish(Indication.deleted(removed, clock.instant()));
        }
    }

    public void clear() {
        synchronized (instances) {
            instances.clear();
        }
    }

    /** Makes every method call take this long, to keep requests in flight. */
    public void methodDelay(Duration delay) {
        this.methodDelay = delay;
    }

    /** The most recent calls (up to {@value #KEPT_CALLS}), oldest first. */
    public List<Call> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    /** How many method calls there have been. */
    public long callCount() {
        return callCount.get();
    }

    /** True while someone is subscribed to events: the object manager enabled this provider's indications. */
    public boolean subscribed() {
        return sink != null;
    }

    private void publish(Indication indication) {
        IndicationSink s = sink;
        if (s != null) {
            s.deliver(indication);
        }
    }

    @Override
    public void enumerateInstances(ProviderContext ctx, CimClass cimClass, InstanceSink out) {
        List<CimInstance> snapshot;
        synchronized (instances) {
            snapshot = new ArrayList<>(instances.values());
        }
        snapshot.stream().filter(i -> i.cimClass().name().equals(cimClass.name())).forEach(out::accept);
    }

    @Override
    public Optional<CimInstance> getInstance(ProviderContext ctx, CimClass cimClass, CimObjectPath path) {
        synchronized (instances) {
            return Optional.ofNullable(instances.get(path.relative()));
        }
    }

    /**
     * Records the call; ForceReplication answers ERROR_INVALID_PARAMETER (87) for a Mode outside 1–4.
     *
     * @throws CimException WBEM_E_NOT_FOUND for a path that names no instance
     */
    @Override
    public MethodResult invokeMethod(ProviderContext ctx, CimClass cimClass, CimObjectPath path, CimMethod method,
                                     Map<CimName, CimValue> inParameters) {
        if (getInstance(ctx, cimClass, path).isEmpty()) {
            throw new CimException(WbemStatus.WBEM_E_NOT_FOUND, "no instance " + path);
        }
        synchronized (calls) {
            calls.addLast(new Call(path, method.name(), inParameters));
            if (calls.size() > KEPT_CALLS) {
                calls.removeFirst();
            }
        }
        callCount.incrementAndGet();
        if (!methodDelay.isZero()) {
            try {
                Thread.sleep(methodDelay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        long rv = 0;
        if (inParameters.get(CimName.of("Mode")) instanceof CimValue.Int mode) {
            rv = mode.value() >= 1 && mode.value() <= 4 ? 0 : 87;
        }
        return MethodResult.of(CimValue.uint32(rv));
    }

    @Override
    public void enableIndications(ProviderContext ctx, CimClass cimClass, IndicationSink s) {
        this.sink = s;
    }

    @Override
    public void disableIndications(ProviderContext ctx, CimClass cimClass) {
        this.sink = null;
    }
}
