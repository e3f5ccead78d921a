package org.replprov.providers.dfsr;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.replprov.engines.sambaad.SambaAdTesting;
import org.replprov.testing.SambaDomain;

/**
 * ForceReplication Mode 3 on a real Samba DC through DfsrConnectionInfo: Stop Sync sets DISABLE_INBOUND_REPL
 * (checked with {@code samba-tool drs options}); the process is killed with SIGKILL during the override; a new one
 * on the same state restores the DC when the override ends.
 */
class SambaStopSyncKillTest {

    private static SambaDomain domain;

    @TempDir
    Path dir;

    @BeforeAll
    static void startDomain() throws Exception {
        domain = SambaDomain.start();
    }

    @AfterAll
    static void stopDomain() {
        if (domain != null) {
            domain.close();
        }
    }

    private static String options() throws Exception {
        return domain.dc1().sambaTool(Duration.ofSeconds(60), "drs", "options", domain.dc1().hostName())
                .requireOk().stdout();
    }

    @Test
    @Timeout(240)
    void dc2StoppedMovesDc1sConnectionThroughConnectingToInErrorWithEventsAndBackOnline() throws Exception {
        new ObjectMapper().writeValue(dir.resolve("settings.json").toFile(), SambaAdTesting.settings(domain,
                domain.dc1(), dir.resolve("password"), Duration.ofMillis(300)));
        java.util.List<org.replprov.provider.spi.Indication> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (SambaStopSync s = new SambaStopSync(dir)) {
            s.provider.enableIndications(DfsrFixture.CTX, DfsrFixture.CLASS, events::add);
            // Pulls refused while another test stopped inbound replication (8457) may still be the last result.
            for (String nc : List.of(SambaDomain.DOMAIN_DN, "CN=Configuration," + SambaDomain.DOMAIN_DN,
                    "CN=Schema,CN=Configuration," + SambaDomain.DOMAIN_DN, "DC=DomainDnsZones," + SambaDomain.DOMAIN_DN,
                    "DC=ForestDnsZones," + SambaDomain.DOMAIN_DN)) {
                domain.dc1().sambaTool(Duration.ofSeconds(60), "drs", "replicate", domain.dc1().hostName(),
                        domain.dc2().hostName(), nc).requireOk();
            }
            awaitState(s, "1");
            domain.dc2().stop();
            try {
                // The DC's own pulls fail (as its periodic pass would): the first one Connecting, the second In Error.
                pull();
                awaitState(s, "0");
                pull();
                var in = awaitState(s, "3");
                // WERR_CONNECTION_REFUSED (1225) as HRESULT_FROM_WIN32, event 5008 (service unreachable).
                assertThat(in.value("LastErrorCode").text()).isEqualTo(Long.toString(0x8007_0000L | 1225));
                assertThat(in.value("LastErrorMessageId").text()).isEqualTo("5008");
            } finally {
                domain.dc2().start();
            }
            pull();
            awaitState(s, "1");
        }
        java.util.List<String> states = events.stream().filter(e -> e.targetInstance() != null)
                .map(e -> e.targetInstance().value("State").text()).toList();
        assertThat(states).as("the modification events' State").containsSubsequence("1", "0", "3", "1");
    }

    private static void pull() throws Exception {
        domain.dc1().sambaTool(Duration.ofSeconds(60), "drs", "replicate", domain.dc1().hostName(),
                domain.dc2().hostName(), SambaDomain.DOMAIN_DN);
    }

    private static org.replprov.cim.CimInstance awaitState(SambaStopSync s, String state) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            var in = s.inbound();
            if (in.value("State").text().equals(state)) {
                return in;
            }
            assertThat(System.nanoTime()).as("State " + state + ", now " + in).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    @Test
    @Timeout(240)
    void stopSyncIsRestoredAtTheEndOfItsDurationAfterKillNine() throws Exception {
        new ObjectMapper().writeValue(dir.resolve("settings.json").toFile(), SambaAdTesting.settings(domain,
                domain.dc1(), dir.resolve("password"), Duration.ofMillis(500)));
        assertThat(options()).doesNotContain("DISABLE_INBOUND_REPL");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                SambaStopSync.class.getName(), dir.toString()).redirectErrorStream(true).start();
        Instant end = null;
        StringBuilder seen = new StringBuilder();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                seen.append(line).append('\n');
                if (line.startsWith("STOPPED ")) {
                    end = Instant.parse(line.substring("STOPPED ".length()));
                    break;
                }
            }
            assertThat(end).as("child output:\n" + seen).isNotNull();
            assertThat(options()).as("Stop Sync set the DSA option").contains("DISABLE_INBOUND_REPL");
            child.destroyForcibly(); // SIGKILL
            assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(child.exitValue()).isEqualTo(137);
        assertThat(options()).as("nobody restored it while the process was dead").contains("DISABLE_INBOUND_REPL");

        try (SambaStopSync again = new SambaStopSync(dir)) {
            again.inbound();
            long offline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!again.inbound().value("State").text().equals("2")) {
                assertThat(System.nanoTime()).as("Offline (2) while stopped").isLessThan(offline);
                Thread.sleep(100);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (options().contains("DISABLE_INBOUND_REPL")) {
                assertThat(System.nanoTime()).as("restored after the override's end " + end).isLessThan(deadline);
                Thread.sleep(500);
            }
            assertThat(Instant.now()).as("not before the end").isAfterOrEqualTo(end.minusSeconds(1));
        }
    }
}
