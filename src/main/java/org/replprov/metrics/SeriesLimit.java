package org.replprov.metrics;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds the number of series of one metric. Label values can come from clients (an operation name), and unbounded
 * series would let one client grow the daemon's memory and every scrape; past the limit, new label combinations are
 * counted under the value {@code other}.
 */
final class SeriesLimit {

    private static final Logger log = LoggerFactory.getLogger(SeriesLimit.class);

    static final int MAX_SERIES = 1000;

    private final String metric;
    private final int labelCount;
    private final AtomicBoolean warned = new AtomicBoolean();

    SeriesLimit(String metric, int labelCount) {
        this.metric = metric;
        this.labelCount = labelCount;
    }

    /** The series key to count {@code labels} under, given the series that exist. */
    List<String> key(Map<List<String>, ?> series, String... labels) {
        if (labels.length != labelCount) {
            throw new IllegalArgumentException(metric + " takes " + labelCount + " label values, got "
                    + List.of(labels));
        }
        List<String> key = List.of(labels);
        if (series.containsKey(key) || series.size() < MAX_SERIES) {
            return key;
        }
        if (warned.compareAndSet(false, true)) {
            log.warn("Metric {} reached {} series; further label combinations are counted as 'other'", metric,
                    MAX_SERIES);
        }
        return Collections.nCopies(labelCount, "other");
    }
}
