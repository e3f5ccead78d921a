/**
 * Metrics in the Prometheus text exposition format (version 0.0.4): counters, gauges and histograms with labels, and
 * collectors that compute their samples at scrape time. No client library: the format is small and stable.
 */
package org.replprov.metrics;
