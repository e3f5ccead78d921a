package org.replprov.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.replprov.server.Backend;
import org.replprov.server.Daemon;
import org.replprov.server.config.DaemonConfig;
import org.replprov.testing.Commands;

/**
 * The Grafana dashboard (docs/grafana/replprov.json) and the alert rules query only metrics the daemon exports: the
 * names are scraped from a real daemon (Backend and Daemon as {@code serve} builds them, on a free port), and every
 * PromQL query of the dashboard parses (promtool, Debian's prometheus package).
 */
class DashboardTest {

    static final Path DASHBOARD = Path.of("docs/grafana/replprov.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Metrics the queries may name although the daemon does not export them (yet). Each entry says why; an entry the
     * daemon starts to export fails {@link #allowListHoldsOnlyMetricsTheDaemonDoesNotExport}, so that it is removed.
     */
    private static final Map<String, String> NOT_EXPORTED = Map.of(
            // Written by Prometheus itself for every scrape target: 1 scraped, 0 failed (ReplprovDown).
            "up", "Prometheus's own per-target series");

    @TempDir
    static Path dir;
    private static Backend backend;
    private static Daemon daemon;
    private static Set<String> exported;

    @BeforeAll
    static void scrapeARealDaemon() throws Exception {
        // The embedded engine (the default) with nothing to replicate; its files stay in the temporary directory.
        DaemonConfig config = DaemonConfig.parse("dashboard-test.yaml", """
                listeners:
                  - {address: 127.0.0.1, port: 0}
                stateDirectory: %1$s/state
                engines:
                  embedded:
                    type: embedded
                    baseDirectory: %1$s
                """.formatted(dir), dir);
        backend = Backend.open(config, Clock.systemUTC());
        daemon = Daemon.builder(config, backend).buildAndStart();
        URI uri = daemon.endpoints().get(0);
        HttpClient http = HttpClient.newHttpClient();
        // One request first, so that every request family has seen a sample.
        http.send(HttpRequest.newBuilder(uri.resolve("/api/v1/query?q=SELECT+*+FROM+DfsrConnectionInfo")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri.resolve("/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        exported = exportedNames(r.body());
    }

    @AfterAll
    static void stop() {
        if (daemon != null) {
            daemon.close();
        }
        if (backend != null) {
            backend.close();
        }
    }

    /** The names a query can select: each family's, and for histograms and summaries their sample series. */
    static Set<String> exportedNames(String exposition) {
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^# TYPE (\\S+) (\\S+)$").matcher(exposition);
        while (m.find()) {
            String name = m.group(1);
            names.add(name);
            switch (m.group(2)) {
                case "histogram" -> names.addAll(List.of(name + "_bucket", name + "_sum", name + "_count"));
                case "summary" -> names.addAll(List.of(name + "_sum", name + "_count"));
                default -> { }
            }
        }
        return names;
    }

    @Test
    void theScrapeHasTheReplicationAndRequestFamilies() {
        assertThat(exported).contains("replprov_dfsr_connection_state", "replprov_repsto_consecutive_failures",
                "replprov_requests_total", "replprov_request_duration_seconds_bucket");
    }

    @Test
    void everyDashboardQueryNamesExportedMetrics() throws IOException {
        Map<String, String> queries = dashboardQueries();
        assertThat(queries).hasSizeGreaterThanOrEqualTo(20);
        Set<String> used = new TreeSet<>();
        queries.forEach((where, query) -> {
            Set<String> names = Promql.metricNames(query);
            assertThat(names).as(where + ": " + query + " names a metric").isNotEmpty();
            for (String name : names) {
                assertThat(exported.contains(name) || NOT_EXPORTED.containsKey(name))
                        .as(where + ": " + name + " is neither exported by the daemon " + exported
                                + " nor on the allow-list")
                        .isTrue();
            }
            used.addAll(names);
        });
        // The areas the dashboard is for: states, sync age, backlog, repsTo results, request rates and latencies.
        assertThat(used).contains("replprov_dfsr_connection_state", "replprov_dfsr_last_successful_sync_age_seconds",
                "replprov_dfsr_backlog_files", "replprov_repsto_last_attempt_result", "replprov_requests_total",
                "replprov_request_duration_seconds_bucket");
    }

    @Test
    void everyAlertRuleNamesExportedMetrics() throws IOException {
        for (JsonNode alert : AlertRulesTest.alerts()) {
            String name = alert.get("alert").asText();
            Set<String> names = new LinkedHashSet<>(Promql.metricNames(alert.get("expr").asText()));
            // Queries in annotation templates, such as the LastErrorCode of a connection In Error.
            Matcher m = Pattern.compile("replprov_[a-z_]+").matcher(alert.path("annotations").toString());
            while (m.find()) {
                names.add(m.group());
            }
            assertThat(names).as(name).isNotEmpty();
            for (String metric : names) {
                assertThat(exported.contains(metric) || NOT_EXPORTED.containsKey(metric))
                        .as(name + ": " + metric + " is neither exported nor on the allow-list").isTrue();
            }
        }
    }

    @Test
    void allowListHoldsOnlyMetricsTheDaemonDoesNotExport() {
        assertThat(exported).as("now exported: remove from DashboardTest.NOT_EXPORTED")
                .doesNotContainAnyElementsOf(NOT_EXPORTED.keySet());
    }

    /** Grafana's variables replaced by values, every query must be PromQL that promtool accepts. */
    @Test
    void everyDashboardQueryParses() throws Exception {
        Commands.require("promtool", "prometheus");
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        int i = 0;
        for (String query : dashboardQueries().values()) {
            String promql = query.replace("$__rate_interval", "5m").replace("$job", ".+").replace("$instance", ".+");
            Matcher labelValues = LABEL_VALUES.matcher(promql);
            if (labelValues.matches()) {
                promql = labelValues.group(1);
            }
            rules.append("      - record: dashboard:query").append(i++).append("\n        expr: ")
                    .append(JSON.writeValueAsString(promql)).append('\n');
        }
        Path file = dir.resolve("dashboard-queries.yml");
        Files.writeString(file, rules);
        Commands.Result r = Commands.run(Duration.ofSeconds(60),
                List.of("promtool", "check", "rules", file.toString()));
        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
    }

    @Test
    void metricNamesAreFoundInPromql() {
        assertThat(Promql.metricNames("histogram_quantile(0.95, sum by (le, protocol) (rate("
                + "replprov_request_duration_seconds_bucket{job=~\"$job\", status=~\"[45]..\"}[$__rate_interval])))"))
                .containsExactly("replprov_request_duration_seconds_bucket");
        assertThat(Promql.metricNames("a{x=\"b}\"} unless on (instance, guid) b_total offset 5m > bool 1e3"))
                .containsExactly("a", "b_total");
        assertThat(Promql.metricNames("sum without(state) (x) / ignoring(le) group_left (y) z"))
                .containsExactly("x", "z");
        assertThat(Promql.metricNames("label_values(replprov_collector_up{job=~\"$job\"}, instance)"))
                .containsExactly("replprov_collector_up");
    }

    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.+),\\s*\\w+\\)");

    /** Every query of the dashboard, keyed by where it is: panel targets (also in rows) and query variables. */
    static Map<String, String> dashboardQueries() throws IOException {
        JsonNode root = JSON.readTree(DASHBOARD.toFile());
        Map<String, String> queries = new LinkedHashMap<>();
        List<JsonNode> panels = new ArrayList<>();
        root.get("panels").forEach(panels::add);
        for (int p = 0; p < panels.size(); p++) {
            JsonNode panel = panels.get(p);
            panel.path("panels").forEach(panels::add);
            for (JsonNode target : panel.path("targets")) {
                queries.put("panel '" + panel.path("title").asText() + "' " + target.path("refId").asText(),
                        target.get("expr").asText());
            }
        }
        for (JsonNode variable : root.path("templating").path("list")) {
            if (variable.path("type").asText().equals("query")) {
                JsonNode q = variable.get("query");
                queries.put("variable " + variable.get("name").asText(),
                        q.isTextual() ? q.asText() : q.get("query").asText());
            }
        }
        return queries;
    }
}
