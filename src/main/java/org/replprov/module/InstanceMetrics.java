package org.replprov.module;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.replprov.cim.CimException;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimName;
import org.replprov.cim.CimStatus;
import org.replprov.cim.CimTimestamp;
import org.replprov.cim.CimValue;
import org.replprov.metrics.MetricFamily;
import org.replprov.provider.ObjectManager;

/**
 * What class modules' metrics share: reading a class's instances through the object manager, so a metric says only
 * what a WQL client would see, and turning property values into sample values.
 */
public final class InstanceMetrics {

    private InstanceMetrics() {
    }

    /**
     * Enumerates the instances of a class into {@code into}; false when that failed. A schema without the class is
     * not a failure.
     */
    public static boolean enumerate(ObjectManager om, String namespace, CimName className, List<CimInstance> into) {
        try {
            om.enumerateInstances(namespace, className, null, into::add);
            return true;
        } catch (CimException e) {
            return e.cimStatus() == CimStatus.CIM_ERR_INVALID_NAMESPACE
                    || e.cimStatus() == CimStatus.CIM_ERR_INVALID_CLASS;
        }
    }

    /** {@code replprov_collector_up{collector}}: 1 when the module could read its instances, else 0. */
    public static MetricFamily collectorUp(String collector, boolean up) {
        return new MetricFamily("replprov_collector_up", "1 when the collector could read its instances, else 0.",
                MetricFamily.Type.GAUGE, List.of(MetricFamily.Sample.of(List.of("collector"), List.of(collector),
                        up ? 1 : 0)));
    }

    /** Seconds from a point in time to now, never negative; empty for an interval or an unknown time. */
    public static Optional<Double> age(CimTimestamp t, Instant now) {
        return t.isConcrete() ? t.toInstant().map(at -> Math.max(0, Duration.between(at, now).toMillis() / 1000.0))
                : Optional.empty();
    }

    /** A property's text, or "" when it is NULL. */
    public static String text(CimInstance c, String property) {
        CimValue v = c.value(property);
        return v == null ? "" : v.text();
    }
}
