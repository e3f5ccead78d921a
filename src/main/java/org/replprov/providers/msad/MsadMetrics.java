package org.replprov.providers.msad;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.replprov.drsr.RepsFrom;
import org.replprov.engine.spi.DirectoryState;
import org.replprov.metrics.Collector;
import org.replprov.metrics.MetricFamily;
import org.replprov.metrics.MetricFamily.Sample;

/**
 * Per inbound neighbour and naming context (the MSAD_ReplNeighbor instances), labelled {@code engine},
 * {@code naming_context} and {@code source_dsa} (the source's CN):
 *
 * <ul>
 *   <li>{@code replprov_msad_neighbor_last_success_age_seconds}: since TimeOfLastSyncSuccess, for neighbours that
 *       synced;</li>
 *   <li>{@code replprov_msad_neighbor_never_synced}: 1 for a neighbour without a success, else 0, so that an alert
 *       needs no {@code absent()} on the age;</li>
 *   <li>{@code replprov_msad_neighbor_consecutive_failures}, {@code replprov_msad_neighbor_last_sync_result} (the
 *       WERROR, 0 is success);</li>
 *   <li>{@code replprov_msad_neighbor_backlog_usn}: the partner's highestCommittedUSN minus this DC's high-water
 *       mark, an upper bound of the changes waiting (docs/engines.md), when the engine could read the partner;</li>
 *   <li>{@code replprov_msad_values_left_out{engine}}: stored values the engine could not decode.</li>
 * </ul>
 */
final class MsadMetrics implements Collector {

    private static final List<String> LABELS = List.of("engine", "naming_context", "source_dsa");

    private final MsadState state;
    private final Clock clock;

    MsadMetrics(MsadState state, Clock clock) {
        this.state = state;
        this.clock = clock;
    }

    @Override
    public List<MetricFamily> collect() {
        Instant now = clock.instant();
        List<Sample> age = new ArrayList<>();
        List<Sample> never = new ArrayList<>();
        List<Sample> failures = new ArrayList<>();
        List<Sample> result = new ArrayList<>();
        List<Sample> backlog = new ArrayList<>();
        List<Sample> leftOut = new ArrayList<>();
        for (MsadState.Engine e : state.engines()) {
            leftOut.add(Sample.of(List.of("engine"), List.of(e.name()), e.state().problems().size()));
        }
        for (Map.Entry<DirectoryState.Neighbor, String> e : state.neighbors().entrySet()) {
            DirectoryState.Neighbor n = e.getKey();
            RepsFrom v = n.repsFrom();
            List<String> labels = List.of(e.getValue(), n.namingContext().name(), n.source().commonName());
            v.timeLastSuccess().toInstant().ifPresent(t -> age.add(Sample.of(LABELS, labels,
                    Math.max(0, Duration.between(t, now).toMillis() / 1000.0))));
            never.add(Sample.of(LABELS, labels, v.timeLastSuccess().isNever() ? 1 : 0));
            failures.add(Sample.of(LABELS, labels, v.consecutiveFailures()));
            result.add(Sample.of(LABELS, labels, Integer.toUnsignedLong(v.resultLastAttempt().code())));
            state.backlog(n.connectionGuid(), n.namingContext().guid())
                    .ifPresent(items -> backlog.add(Sample.of(LABELS, labels, items)));
        }
        return List.of(
                new MetricFamily("replprov_msad_neighbor_last_success_age_seconds",
                        "Seconds since MSAD_ReplNeighbor.TimeOfLastSyncSuccess, for neighbours that synced.",
                        MetricFamily.Type.GAUGE, age),
                new MetricFamily("replprov_msad_neighbor_never_synced",
                        "1 when the neighbour never synced successfully (no TimeOfLastSyncSuccess), else 0.",
                        MetricFamily.Type.GAUGE, never),
                new MetricFamily("replprov_msad_neighbor_consecutive_failures",
                        "MSAD_ReplNeighbor.NumConsecutiveSyncFailures.", MetricFamily.Type.GAUGE, failures),
                new MetricFamily("replprov_msad_neighbor_last_sync_result",
                        "MSAD_ReplNeighbor.LastSyncResult: the WERROR of the last pull (0 is success).",
                        MetricFamily.Type.GAUGE, result),
                new MetricFamily("replprov_msad_neighbor_backlog_usn",
                        "Partner highestCommittedUSN minus this DC's high-water mark: an upper bound of the changes "
                                + "waiting.", MetricFamily.Type.GAUGE, backlog),
                new MetricFamily("replprov_msad_values_left_out",
                        "Stored repsFrom/repsTo/replUpToDateVector values the engine could not decode.",
                        MetricFamily.Type.GAUGE, leftOut));
    }

    @Override
    public String toString() {
        return "MSAD metrics";
    }
}
