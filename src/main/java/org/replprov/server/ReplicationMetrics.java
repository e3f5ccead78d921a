package org.replprov.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.replprov.cim.CimException;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimName;
import org.replprov.cim.CimStatus;
import org.replprov.cim.CimTimestamp;
import org.replprov.cim.CimValue;
import org.replprov.provider.ObjectManager;
import org.replprov.providers.ad.RepsToSchema;
import org.replprov.providers.dfsr.DfsrSchema;
import org.replprov.server.metrics.Collector;
import org.replprov.server.metrics.MetricFamily;
import org.replprov.server.metrics.MetricFamily.Sample;

/**
 * Replication health as metrics, computed at scrape time from what a WQL client would see: the
 * {@code DfsrConnectionInfo} instances of {@code root/MicrosoftDfs} and the {@code ReplProv_RepsTo} instances of
 * {@code root/MicrosoftActiveDirectory}, enumerated through the object manager.
 *
 * <ul>
 *   <li>{@code replprov_dfsr_connections{state}}: connections per state (Connecting, Online, Offline, In Error);</li>
 *   <li>{@code replprov_dfsr_connection_state{…}}: each connection's State value;</li>
 *   <li>{@code replprov_dfsr_last_successful_sync_age_seconds{…}}: time since LastSuccessfulSyncTime, for
 *       connections that have synchronized (DFSR writes 1/1/9999 for "never");</li>
 *   <li>{@code replprov_dfsr_connection_last_error_code{…}}: each connection's LastErrorCode;</li>
 *   <li>{@code replprov_repsto_consecutive_failures{…}}: each repsTo entry's consecutive notification failures
 *       (MS-DRSR §5.173 REPS_TO, consecutiveFailures);</li>
 *   <li>{@code replprov_repsto_last_attempt_result{…}}: the Win32 error code of its last notification
 *       (resultLastAttempt, 0 is success);</li>
 *   <li>{@code replprov_repsto_last_success_age_seconds{…}}: time since timeLastSuccess, for entries notified
 *       successfully at least once;</li>
 *   <li>{@code replprov_collector_up{collector}}: per class ({@code dfsr}, {@code repsto}), 1 when the enumeration
 *       worked, 0 when it failed.</li>
 * </ul>
 */
final class ReplicationMetrics implements Collector {

    private static final String[] STATES = {"Connecting", "Online", "Offline", "In Error"};
    private static final List<String> CONNECTION_LABELS = List.of("connection_guid", "partner", "replication_group",
            "direction");
    private static final List<String> REPS_TO_LABELS = List.of("naming_context", "uuid_dsa", "na_dsa");

    private final ObjectManager objectManager;
    private final Clock clock;

    ReplicationMetrics(ObjectManager objectManager, Clock clock) {
        this.objectManager = objectManager;
        this.clock = clock;
    }

    @Override
    public List<MetricFamily> collect() {
        List<CimInstance> connections = new ArrayList<>();
        List<CimInstance> repsTo = new ArrayList<>();
        List<Sample> up = List.of(
                Sample.of(List.of("collector"), List.of("dfsr"),
                        enumerate(DfsrSchema.NAMESPACE, DfsrSchema.CLASS, connections) ? 1 : 0),
                Sample.of(List.of("collector"), List.of("repsto"),
                        enumerate(RepsToSchema.NAMESPACE, RepsToSchema.CLASS, repsTo) ? 1 : 0));
        Instant now = clock.instant();
        List<MetricFamily> families = new ArrayList<>();
        families.add(new MetricFamily("replprov_collector_up", "1 when the collector could read its instances, else 0.",
                MetricFamily.Type.GAUGE, up));
        families.addAll(connectionFamilies(connections, now));
        families.addAll(repsToFamilies(repsTo, now));
        return families;
    }

    /** Enumerates the instances of a class; false when that failed. */
    private boolean enumerate(String namespace, CimName className, List<CimInstance> into) {
        try {
            objectManager.enumerateInstances(namespace, className, null, into::add);
            return true;
        } catch (CimException e) {
            // A schema without the class is not a failure; anything else is.
            return e.cimStatus() == CimStatus.CIM_ERR_INVALID_NAMESPACE
                    || e.cimStatus() == CimStatus.CIM_ERR_INVALID_CLASS;
        }
    }

    private static List<MetricFamily> connectionFamilies(List<CimInstance> connections, Instant now) {
        Map<String, Integer> perState = new LinkedHashMap<>();
        for (String s : STATES) {
            perState.put(s, 0);
        }
        List<Sample> state = new ArrayList<>();
        List<Sample> age = new ArrayList<>();
        List<Sample> lastError = new ArrayList<>();
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

    private static List<MetricFamily> repsToFamilies(List<CimInstance> entries, Instant now) {
        List<Sample> failures = new ArrayList<>();
        List<Sample> result = new ArrayList<>();
        List<Sample> age = new ArrayList<>();
        for (CimInstance r : entries) {
            List<String> labels = List.of(text(r, "NamingContext"), text(r, "UuidDsa"), text(r, "NaDsa"));
            if (r.value("ConsecutiveFailures") instanceof CimValue.Int n) {
                failures.add(Sample.of(REPS_TO_LABELS, labels, n.value()));
            }
            if (r.value("ResultLastAttempt") instanceof CimValue.Int code) {
                result.add(Sample.of(REPS_TO_LABELS, labels, code.value()));
            }
            // NULL until the first successful notification.
            if (r.value("TimeLastSuccess") instanceof CimTimestamp t) {
                age(t, now).ifPresent(seconds -> age.add(Sample.of(REPS_TO_LABELS, labels, seconds)));
            }
        }
        return List.of(
                new MetricFamily("replprov_repsto_consecutive_failures",
                        "ReplProv_RepsTo.ConsecutiveFailures: notifications of this partner failed in a row.",
                        MetricFamily.Type.GAUGE, failures),
                new MetricFamily("replprov_repsto_last_attempt_result",
                        "ReplProv_RepsTo.ResultLastAttempt: Win32 error code of the last notification (0 is success).",
                        MetricFamily.Type.GAUGE, result),
                new MetricFamily("replprov_repsto_last_success_age_seconds",
                        "Seconds since ReplProv_RepsTo.TimeLastSuccess, for partners notified successfully.",
                        MetricFamily.Type.GAUGE, age));
    }

    /** Seconds from a point in time to now, never negative; empty for an interval or an unknown time. */
    private static Optional<Double> age(CimTimestamp t, Instant now) {
        return t.isConcrete() ? t.toInstant().map(at -> Math.max(0, Duration.between(at, now).toMillis() / 1000.0))
                : Optional.empty();
    }

    private static String text(CimInstance c, String property) {
        CimValue v = c.value(property);
        return v == null ? "" : v.text();
    }

    @Override
    public String toString() {
        return "replication metrics";
    }
}
