package org.replprov.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.replprov.testing.Commands;

/**
 * The shipped Prometheus alert rules (docs/prometheus/alerts.yml): promtool (Debian's prometheus package) accepts them
 * and passes their unit tests (alerts_test.yml); every alert is tested firing, carries a summary, a description naming
 * the member, and a runbook_url whose section exists in docs/runbook.md.
 */
class AlertRulesTest {

    static final Path RULES = Path.of("docs/prometheus/alerts.yml");
    private static final Path RULE_TESTS = Path.of("docs/prometheus/alerts_test.yml");
    private static final Path RUNBOOK = Path.of("docs/runbook.md");
    private static final String RUNBOOK_URL = "https://github.com/replprov/replprov/blob/main/docs/runbook.md#";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void promtoolChecksTheRules() throws Exception {
        Commands.Result r = promtool("check", "rules", RULES.toString());
        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
        assertThat(r.stdout()).contains("SUCCESS: " + alerts().size() + " rules found");
    }

    @Test
    void promtoolUnitTestsPass() throws Exception {
        Commands.Result r = promtool("test", "rules", RULE_TESTS.toString());
        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
        assertThat(r.stdout()).contains("SUCCESS");
    }

    /** promtool passes a rule file whose alerts have no test at all; this closes that gap. */
    @Test
    void everyAlertHasAUnitTestWhereItFires() throws IOException {
        Set<String> fired = new LinkedHashSet<>();
        for (JsonNode test : YAML.readTree(RULE_TESTS.toFile()).get("tests")) {
            for (JsonNode check : test.path("alert_rule_test")) {
                if (!check.path("exp_alerts").isEmpty()) {
                    fired.add(check.get("alertname").asText());
                }
            }
        }
        List<String> names = alerts().stream().map(a -> a.get("alert").asText()).toList();
        assertThat(fired).containsExactlyInAnyOrderElementsOf(names);
    }

    @Test
    void everyAlertIsDescribedAndHasARunbookSection() throws IOException {
        Set<String> anchors = runbookAnchors();
        List<JsonNode> alerts = alerts();
        assertThat(alerts).hasSizeGreaterThanOrEqualTo(9);
        for (JsonNode alert : alerts) {
            String name = alert.get("alert").asText();
            JsonNode annotations = alert.path("annotations");
            assertThat(annotations.path("summary").asText()).as(name + " summary").isNotBlank();
            assertThat(annotations.path("description").asText()).as(name + " description names the member")
                    .contains("{{ $labels.instance }}");
            assertThat(alert.path("labels").path("severity").asText()).as(name + " severity")
                    .isIn("warning", "critical");
            String url = annotations.path("runbook_url").asText();
            assertThat(url).as(name + " runbook_url").isEqualTo(RUNBOOK_URL + name.toLowerCase(Locale.ROOT));
            assertThat(anchors).as("docs/runbook.md has a section for " + name)
                    .contains(url.substring(RUNBOOK_URL.length()));
        }
    }

    /** Every alerting rule of every group. */
    static List<JsonNode> alerts() throws IOException {
        List<JsonNode> alerts = new ArrayList<>();
        for (JsonNode group : YAML.readTree(RULES.toFile()).get("groups")) {
            for (JsonNode rule : group.get("rules")) {
                if (rule.has("alert")) {
                    alerts.add(rule);
                }
            }
        }
        return alerts;
    }

    /** The anchors GitHub gives the headings of the runbook: lower case, spaces to hyphens, punctuation dropped. */
    private static Set<String> runbookAnchors() throws IOException {
        Set<String> anchors = new LinkedHashSet<>();
        Matcher m = Pattern.compile("(?m)^#{1,6} (.+)$").matcher(Files.readString(RUNBOOK));
        while (m.find()) {
            anchors.add(m.group(1).trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 _-]", "")
                    .replace(' ', '-'));
        }
        return anchors;
    }

    private static Commands.Result promtool(String... args) throws Exception {
        Commands.require("promtool", "prometheus");
        List<String> command = new ArrayList<>(List.of("promtool"));
        command.addAll(List.of(args));
        return Commands.run(Duration.ofSeconds(60), command);
    }
}
