package org.replprov.providers.ad;

import static org.replprov.module.InstanceMetrics.age;
import static org.replprov.module.InstanceMetrics.text;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.replprov.cim.CimInstance;
import org.replprov.cim.CimTimestamp;
import org.replprov.cim.CimValue;
import org.replprov.metrics.Collector;
import org.replprov.metrics.MetricFamily;
import org.replprov.metrics.MetricFamily.Sample;
import org.replprov.module.InstanceMetrics;
import org.replprov.provider.ObjectManager;

/**
 * ReplProv_RepsTo as metrics, computed at scrape time from what a WQL client would see:
 *
 * <ul>
 *   <li>{@code replprov_repsto_consecutive_failures{…}}: each repsTo entry's consecutive notification failures
 *       (MS-DRSR §5.173 REPS_TO, consecutiveFailures);</li>
 *   <li>{@code replprov_repsto_last_attempt_result{…}}: the Win32 error code of its last notification
 *       (resultLastAttempt, 0 is success);</li>
 *   <li>{@code replprov_repsto_last_success_age_seconds{…}}: time since timeLastSuccess, for entries notified
 *       successfully at least once;</li>
 *   <li>{@code replprov_collector_up{collector="repsto"}}.</li>
 * </ul>
 */
public final class RepsToMetrics implements Collector {

    private static final List<String> LABELS = List.of("naming_context", "uuid_dsa", "na_dsa");

    private final ObjectManager objectManager;
    private final Clock clock;

    public RepsToMetrics(ObjectManager objectManager, Clock clock) {
        this.objectManager = objectManager;
        this.clock = clock;
    }

    @Override
    public List<MetricFamily> collect() {
        List<CimInstance> entries = new ArrayList<>();
        boolean up = InstanceMetrics.enumerate(objectManager, RepsToSchema.NAMESPACE, RepsToSchema.CLASS, entries);
        Instant now = clock.instant();
        List<Sample> failures = new ArrayList<>();
        List<Sample> result = new ArrayList<>();
        List<Sample> age = new ArrayList<>();
        for (CimInstance r : entries) {
            List<String> labels = List.of(text(r, "NamingContext"), text(r, "UuidDsa"), text(r, "NaDsa"));
            if (r.value("ConsecutiveFailures") instanceof CimValue.Int n) {
                failures.add(Sample.of(LABELS, labels, n.value()));
            }
            if (r.value("ResultLastAttempt") instanceof CimValue.Int code) {
                result.add(Sample.of(LABELS, labels, code.value()));
            }
            // NULL until the first successful notification.
            if (r.value("TimeLastSuccess") instanceof CimTimestamp t) {
                age(t, now).ifPresent(seconds -> age.add(Sample.of(LABELS, labels, seconds)));
            }
        }
        return List.of(InstanceMetrics.collectorUp("repsto", up),
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

    @Override
    public String toString() {
        return "repsTo metrics";
    }
}
