package org.replprov.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.replprov.cim.CimException;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimStatus;
import org.replprov.cim.CimTimestamp;
import org.replprov.cim.CimValue;
import org.replprov.provider.ObjectManager;
import org.replprov.providers.dfsr.DfsrSchema;
import org.replprov.server.metrics.Collector;
import org.replprov.server.metrics.MetricFamily;
import org.replprov.server.metrics.MetricFamily.Sample;

/**
 * Replication health as metrics, computed at scrape time from what a WQL client would see: the
 * {@code DfsrConnectionInfo} instances of {@code root/MicrosoftDfs}, enumerated through the object manager.
 *
 * <ul>
 *   <li>{@code replprov_dfsr_connections{state}}: connections per state (Connecting, Online, Offline, In Error);</li>
 *   <li>{@code replprov_dfsr_connection_state{…}}: each connection's State value;</li>
 *   <li>{@code replprov_dfsr_last_successful_sync_age_seconds{…}}: time since LastSuccessfulSyncTime, for
 *       connections that have synchronized (DFSR writes 1/1/9999 for "never");</li>
 *   <li>{@code replprov_dfsr_connection_last_error_code{…}}: each connection's LastErrorCode;</li>
 *   <li>{@code replprov_collector_up{collector}}: 1 when the enumeration worked, 0 when it failed.</li>
 * </ul>
 */
final class ReplicationMetrics implements Collector {

    private static final String[] STATES = {"Connecting", "Online", "Offline", "In Error"};
    private static final List<String> CONNECTION_LABELS = List.of("connection_guid", "partner", "replication_group",
            "direction");

    private final ObjectManager objectManager;
    private final Clock clock;

    ReplicationMetrics(ObjectManager objectManager, Clock clock) {
        this.objectManager = objectManager;
        this.clock = clock;
    }

    @Override
    public List<MetricFamily> collect() {
        List<CimInstance> connections = new ArrayList<>();
        boolean up = true;
        try {
            objectManager.enumerateInstances(DfsrSchema.NAMESPACE, DfsrSchema.CLASS, null, connections::add);
        } catch (CimException e) {
            // A provider without DFSR classes is not a failure; anything else is.
            up = e.cimStatus() == CimStatus.CIM_ERR_INVALID_NAMESPACE
                    || e.cimStatus() == CimStatus.CIM_ERR_INVALID_CLASS;
        }
        Map<String, Integer> perState = new LinkedHashMap<>();
        for (String s : STATES) {
            perState.put(s, 0);
        }
        List<Sample> state = new ArrayList<>();
        List<Sample> age = new ArrayList<>();
        List<Sample> lastError = new ArrayList<>();
        Instant now = clock.instant();
        for (CimInstance c : connections) {
            List<String> labels = List.of(text(c, "ConnectionGuid"), text(c, "PartnerName"),
                    text(c, "ReplicationGroupName"),
                    c.value("Inbound") instanceof CimValue.Bool b && b.value() ? "inbound" : "outbound");
            if (c.value("State") instanceof CimValue.Int s) {
                state.add(Sample.of(CONNECTION_LABELS, labels, s.value()));
                if (s.value() >= 0 && s.value() < STATES.length) {
                    perState.merge(STATES[(int) s.value()], 1, Integer::sum);
                }
            }
            if (c.value("LastSuccessfulSyncTime") instanceof CimTimestamp t && t.isConcrete()
                    && t.compareTo(CimTimestamp.DFSR_NEVER) < 0) {
                t.toInstant().ifPresent(at -> age.add(Sample.of(CONNECTION_LABELS, labels,
                        Math.max(0, Duration.between(at, now).toMillis() / 1000.0))));
            }
            if (c.value("LastErrorCode") instanceof CimValue.Int e) {
                lastError.add(Sample.of(CONNECTION_LABELS, labels, e.value()));
            }
        }
        List<Sample> counts = new ArrayList<>();
        perState.forEach((s, n) -> counts.add(Sample.of(List.of("state"), List.of(s), n)));
        return List.of(
                new MetricFamily("replprov_collector_up", "1 when the collector could read its instances, else 0.",
                        MetricFamily.Type.GAUGE, List.of(Sample.of(List.of("collector"), List.of("dfsr"),
                        up ? 1 : 0))),
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

    private static String text(CimInstance c, String property) {
        CimValue v = c.value(property);
        return v == null ? "" : v.text();
    }

    @Override
    public String toString() {
        return "DfsrConnectionInfo metrics";
    }
}
