package org.replprov.providers.dfsr;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.replprov.cim.CimClass;
import org.replprov.engine.EngineStatus;
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
 */
public final class DfsrInfoProvider implements InstanceProvider {

    public static final String NAME = "dfsr-info";
    public static final CimName CLASS = CimName.of("DfsrInfo");

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

    private final Service service;
    private volatile boolean shuttingDown;

    public DfsrInfoProvider(Service service) {
        this.service = Objects.requireNonNull(service, "service");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void enumerateInstances(ProviderContext ctx, CimClass cimClass, InstanceSink out) {
        out.accept(instance(cimClass));
    }

    @Override
    public Optional<CimInstance> getInstance(ProviderContext ctx, CimClass cimClass, CimObjectPath path) {
        return Optional.of(instance(cimClass));
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
