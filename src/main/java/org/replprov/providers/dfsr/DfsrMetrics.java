package org.replprov.providers.dfsr;

import static org.replprov.module.InstanceMetrics.age;
import static org.replprov.module.InstanceMetrics.text;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import org.replprov.cim.CimInstance;
import org.replprov.cim.CimTimestamp;
import org.replprov.cim.CimValue;
import org.replprov.engine.EngineStatus;
import org.replprov.metrics.Collector;
import org.replprov.metrics.MetricFamily;
import org.replprov.metrics.MetricFamily.Sample;
import org.replprov.module.InstanceMetrics;
import org.replprov.provider.ObjectManager;

/**
 * The DFSR classes as metrics, computed at scrape time from what a WQL client would see of
 * {@code root/MicrosoftDfs}:
 *
 * <ul>
 *   <li>{@code replprov_dfsr_connections{state}}: connections per state (Connecting, Online, Offline, In Error);</li>
 *   <li>{@code replprov_dfsr_connection_state{…}}: each connection's State value;</li>
 *   <li>{@code replprov_dfsr_last_successful_sync_age_seconds{…}}: time since LastSuccessfulSyncTime, for
 *       connections that have synchronized (DFSR writes 1/1/9999 for "never");</li>
 *   <li>{@code replprov_dfsr_connection_last_error_code{…}}: each connection's LastErrorCode;</li>
 *   <li>{@code replprov_dfsr_service_state}: DfsrInfo's State;</li>
 *   <li>{@code replprov_collector_up{collector="dfsr"}}.</li>
 * </ul>
 *
 * Each connection's labels name the engine instance that reports it ({@code engine}), besides its GUID, partner,
 * group and direction.
 */
public final class DfsrMetrics implements Collector {

    private static final String[] STATES = {"Connecting", "Online", "Offline", "In Error"};
    private static final List<String> CONNECTION_LABELS = List.of("connection_guid", "partner", "replication_group",
            "direction", "engine");

    private final ObjectManager objectManager;
    private final Function<String, Optional<String>> engineOf;
    private final Supplier<List<EngineStatus>> engines;
    private final Clock clock;

    /**
     * @param engineOf the engine instance that reports a connection, by ConnectionGuid
     * @param engines the engines' health, for DfsrInfo's State
     */
    DfsrMetrics(ObjectManager objectManager, Function<String, Optional<String>> engineOf,
                Supplier<List<EngineStatus>> engines, Clock clock) {
        this.objectManager = objectManager;
        this.engineOf = engineOf;
        this.engines = engines;
        this.clock = clock;
    }

    /**
     * The metrics of whatever serves the DFSR classes through {@code objectManager}, without engines of this process
     * (an embedding program's own provider): the {@code engine} label is empty and DfsrInfo's State is Running.
     */
    public static DfsrMetrics over(ObjectManager objectManager, Clock clock) {
        return new DfsrMetrics(objectManager, guid -> Optional.empty(), List::of, clock);
    }

    @Override
    public List<MetricFamily> collect() {
        List<CimInstance> connections = new ArrayList<>();
        boolean up = InstanceMetrics.enumerate(objectManager, DfsrSchema.NAMESPACE, DfsrSchema.CLASS, connections);
        List<MetricFamily> families = new ArrayList<>();
        families.add(InstanceMetrics.collectorUp("dfsr", up));
        families.addAll(connectionFamilies(connections, clock.instant()));
        families.add(new MetricFamily("replprov_dfsr_service_state",
                "DfsrInfo State: 1 Service Running, 2 Service Degraded (an engine failed to start).",
                MetricFamily.Type.GAUGE, List.of(Sample.of(List.of(), List.of(),
                        engines.get().stream().allMatch(EngineStatus::up) ? 1 : 2))));
        return families;
    }

    private List<MetricFamily> connectionFamilies(List<CimInstance> connections, Instant now) {
        Map<String, Integer> perState = new LinkedHashMap<>();
        for (String s : STATES) {
            perState.put(s, 0);
        }
        List<Sample> state = new ArrayList<>();
        List<Sample> age = new ArrayList<>();
        List<Sample> lastError = new ArrayList<>();
        for (CimInstance c : connections) {
            String guid = text(c, "ConnectionGuid");
            List<String> labels = List.of(guid, text(c, "PartnerName"), text(c, "ReplicationGroupName"),
                    c.value("Inbound") instanceof CimValue.Bool b && b.value() ? "inbound" : "outbound",
                    engineOf.apply(guid).orElse(""));
            if (c.value("State") instanceof CimValue.Int s) {
                state.add(Sample.of(CONNECTION_LABELS, labels, s.value()));
                if (s.value() >= 0 && s.value() < STATES.length) {
                    perState.merge(STATES[(int) s.value()], 1, Integer::sum);
                }
            }
            if (c.value("LastSuccessfulSyncTime") instanceof CimTimestamp t
                    && t.compareTo(CimTimestamp.DFSR_NEVER) < 0) {
                age(t, now).ifPresent(seconds -> age.add(Sample.of(CONNECTION_LABELS, labels, seconds)));
            }
            if (c.value("LastErrorCode") instanceof CimValue.Int e) {
                lastError.add(Sample.of(CONNECTION_LABELS, labels, e.value()));
            }
        }
        List<Sample> counts = new ArrayList<>();
        perState.forEach((s, n) -> counts.add(Sample.of(List.of("state"), List.of(s), n)));
        return List.of(
                new MetricFamily("replprov_dfsr_connections", "DfsrConnectionInfo instances per connection State.",
                        MetricFamily.Type.GAUGE, counts),
                new MetricFamily("replprov_dfsr_connection_state",
                        "DfsrConnectionInfo.State: 0 Connecting, 1 Online, 2 Offline, 3 In Error.",
                        MetricFamily.Type.GAUGE, state),
                new MetricFamily("replprov_dfsr_last_successful_sync_age_seconds",
                        "Seconds since DfsrConnectionInfo.LastSuccessfulSyncTime, for connections that have synced.",
                        MetricFamily.Type.GAUGE, age),
                new MetricFamily("replprov_dfsr_connection_last_error_code",
                        "DfsrConnectionInfo.LastErrorCode (0 is success).", MetricFamily.Type.GAUGE, lastError));
    }

    @Override
    public String toString() {
        return "DFSR metrics";
    }
}
