package org.replprov.metrics;

import java.util.List;

/** Produces metric families when metrics are scraped. */
@FunctionalInterface
public interface Collector {

    List<MetricFamily> collect();
}
