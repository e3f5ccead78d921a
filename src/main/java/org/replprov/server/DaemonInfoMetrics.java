package org.replprov.server;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.replprov.metrics.Collector;
import org.replprov.metrics.MetricFamily;

/**
 * Which build serves, and since when: {@code replprov_build_info{version}} (always 1, the Prometheus convention for
 * carrying a build's identity as a label) and {@code process_start_time_seconds} (the name Prometheus client
 * libraries give the process's start, so uptime is {@code time() - process_start_time_seconds}). {@code replprov
 * status} shows both as the daemon's version and uptime, and DfsrInfo as its ProviderVersion and ServiceStartTime.
 *
 * @param version the jar's Implementation-Version, or {@code development} when run from classes
 * @param started when this process started
 */
public record DaemonInfoMetrics(String version, Instant started) implements Collector {

    /** This process: the version from the jar's manifest, the start from the operating system. */
    public static DaemonInfoMetrics current() {
        String v = DaemonInfoMetrics.class.getPackage().getImplementationVersion();
        // The JVM knows its start on every platform it runs serve on; the class load is the nearest fallback.
        Instant started = ProcessHandle.current().info().startInstant().orElseGet(Instant::now);
        return new DaemonInfoMetrics(v == null ? "development" : v, started);
    }

    /** The "Ready in" figure: what an operator waited since the process started, not just for the listeners. */
    long millisSinceStart() {
        return Duration.between(started, Instant.now()).toMillis();
    }

    @Override
    public List<MetricFamily> collect() {
        return List.of(
                new MetricFamily("replprov_build_info", "Always 1; the label version is the replprov version serving.",
                        MetricFamily.Type.GAUGE, List.of(MetricFamily.Sample.of(List.of("version"), List.of(version),
                                1))),
                new MetricFamily("process_start_time_seconds", "Start time of the process since the Unix epoch, in "
                        + "seconds.", MetricFamily.Type.GAUGE, List.of(MetricFamily.Sample.of(List.of(), List.of(),
                                started.toEpochMilli() / 1000.0))));
    }
}
