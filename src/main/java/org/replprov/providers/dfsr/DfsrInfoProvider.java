package org.replprov.providers.dfsr;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.replprov.cim.CimClass;
import org.replprov.engine.EngineEvents;
import org.replprov.engine.EngineStatus;
import org.replprov.engine.spi.Observation;
import org.replprov.engine.spi.ServiceState;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimName;
import org.replprov.cim.CimObjectPath;
import org.replprov.cim.CimTimestamp;
import org.replprov.cim.CimValue;
import org.replprov.provider.spi.InstanceProvider;
import org.replprov.provider.spi.InstanceSink;
import org.replprov.provider.spi.ProviderContext;

/**
 * The singleton {@code DfsrInfo=@}: the replication service, which here is the daemon and its engines
 * (docs/dfsr-classes.md). State follows the documented diagram as far as the daemon can be observed: Service Running
 * (1) while every engine runs, Service Degraded (2) while one failed to start, Service Shutting Down (3) once the
 * object manager is closing. Service Starting (0) is never seen: the provider answers only once the daemon has
 * started. LastDsPollTime is NULL: no engine polls Active Directory for a DFSR configuration. LastErrorCode and
 * LastErrorMessageId are 0 while running; while degraded they are NULL, because an engine's start failure has no
 * DFSR error code, and the failure's text is in {@code /healthz} and the log.
 *
 * <p>The replication service of each computer an engine watches (the Windows members of a windows-dfsr engine, from
 * their {@link ServiceState} facts) is an instance of the subclass {@code ReplProv_DfsrMemberInfo}, keyed by engine
 * and host, with the values the member reports, unchanged: DfsrInfo is a singleton, and one namespace shows many
 * members. The last values reported stay until the engine reports new ones.
 */
public final class DfsrInfoProvider implements InstanceProvider, EngineEvents {

    public static final String NAME = "dfsr-info";
    public static final CimName CLASS = CimName.of("DfsrInfo");
    public static final CimName MEMBER_CLASS = CimName.of("ReplProv_DfsrMemberInfo");

    /** What the provider reads each time it is asked. */
    public record Service(String version, Instant started, Supplier<List<EngineStatus>>
            engines) {
        public Service {
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(started, "started");
            Objects.requireNonNull(engines, "engines");
        }
    }

    private static final int RUNNING = 1;
    private static final int DEGRADED = 2;
    private static final int SHUTTING_DOWN = 3;

    /** A member's service, as an engine reports it. */
    private record Reported(String engine, ServiceState state) {
    }

    private final Service service;
    private volatile boolean shuttingDown;
    /** The members' services by engine and host, in the order first reported. Guarded by this. */
    private final Map<List<String>, Reported> members = new LinkedHashMap<>();

    public DfsrInfoProvider(Service service) {
        this.service = Objects.requireNonNull(service, "service");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public synchronized void observed(String engine, Observation fact) {
        if (fact instanceof ServiceState s) {
            members.put(List.of(engine, s.host()), new Reported(engine, s));
        }
    }

    @Override
    public void engineFailed(String engine, String why) {
        // The members' last values stay: the daemon's own DfsrInfo says that an engine failed.
    }

    @Override
    public void enumerateInstances(ProviderContext ctx, CimClass cimClass, InstanceSink out) {
        if (!cimClass.name().equals(MEMBER_CLASS)) {
            out.accept(instance(cimClass));
            return;
        }
        List<Reported> all;
        synchronized (this) {
            all = new ArrayList<>(members.values());
        }
        all.forEach(r -> out.accept(member(cimClass, r)));
    }

    @Override
    public Optional<CimInstance> getInstance(ProviderContext ctx, CimClass cimClass, CimObjectPath path) {
        if (!cimClass.name().equals(MEMBER_CLASS)) {
            return Optional.of(instance(cimClass));
        }
        Optional<String> engine = path.key(CimName.of("Engine")).map(CimValue::text);
        Optional<String> host = path.key(CimName.of("Host")).map(CimValue::text);
        if (engine.isEmpty() || host.isEmpty()) {
            return Optional.empty();
        }
        Reported r;
        synchronized (this) {
            r = members.get(List.of(engine.get(), host.get()));
        }
        return Optional.ofNullable(r).map(x -> member(cimClass, x));
    }

    /** A member's DfsrInfo as it reported it: NULL where it reported nothing. */
    private static CimInstance member(CimClass cimClass, Reported r) {
        ServiceState s = r.state();
        return CimInstance.builder(cimClass)
                .set(CimName.of("Engine"), CimValue.string(r.engine()))
                .set(CimName.of("Host"), CimValue.string(s.host()))
                .set(CimName.of("ProviderVersion"), s.version() == null ? null : CimValue.string(s.version()))
                .set(CimName.of("ServiceStartTime"), s.started() == null ? null : CimTimestamp.of(s.started()))
                .set(CimName.of("LastDsPollTime"), s.lastConfigurationPoll() == null ? null
                        : CimTimestamp.of(s.lastConfigurationPoll()))
                .set(CimName.of("State"), CimValue.uint8(s.state().ordinal()))
                .set(CimName.of("LastErrorCode"), CimValue.uint32(s.errorCode()))
                .set(CimName.of("LastErrorMessageId"), CimValue.uint32(s.errorMessageId()))
                .build();
    }

    private CimInstance instance(CimClass cimClass) {
        boolean degraded = service.engines().get().stream().anyMatch(e -> !e.up());
        int state = shuttingDown ? SHUTTING_DOWN : degraded ? DEGRADED : RUNNING;
        CimValue noError = degraded ? null : CimValue.uint32(0);
        return CimInstance.builder(cimClass)
                .set(CimName.of("ProviderVersion"), CimValue.string(service.version()))
                .set(CimName.of("ServiceStartTime"), CimTimestamp.of(service.started()))
                .set(CimName.of("State"), CimValue.uint8(state))
                .set(CimName.of("LastErrorCode"), noError)
                .set(CimName.of("LastErrorMessageId"), noError)
                .build();
    }

    /** The object manager is closing: from now on the state is Service Shutting Down. */
    @Override
    public void close() {
        shuttingDown = true;
    }
}
