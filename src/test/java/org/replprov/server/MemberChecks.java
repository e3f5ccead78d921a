package org.replprov.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.replprov.testing.TestMembers.REPS_TO;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.replprov.testing.TestMembers;
import org.replprov.testing.TestMembers.Member;

/**
 * What an upstream member and its downstream members show through WQL (the JSON API) once the downstreams have
 * announced themselves and synchronized: the checks the daemon-level topology tests share.
 */
final class MemberChecks {

    private MemberChecks() {
    }

    /**
     * Checks {@code upstream} against each downstream: the downstream's inbound connection is Online with real
     * LastSyncTime and LastSuccessfulSyncTime (not before {@code since}); the upstream shows an Online outbound
     * connection for it (Inbound = FALSE, the same ConnectionGuid, PartnerName and PartnerGuid naming the
     * downstream member) and a ReplProv_RepsTo entry (NaDsa: its listener, UuidDsa: its MemberGuid, the options it
     * asked for); and nothing else.
     *
     * @param downstreams each downstream and the names of the DRS options it asked for
     */
    static void upstreamServes(Member upstream, Map<Member, List<String>> downstreams, Instant since)
            throws IOException, InterruptedException {
        for (Map.Entry<Member, List<String>> d : downstreams.entrySet()) {
            Member down = d.getKey();
            JsonNode inbound = down.connection("Inbound = TRUE AND State = 1",
                    p -> TestMembers.isTime(p, "LastSuccessfulSyncTime"));
            assertThat(inbound.get("PartnerName").asText()).isEqualTo(upstream.name());
            assertThat(inbound.get("MemberName").asText()).isEqualTo(down.name());
            Instant lastSync = TestMembers.instant(inbound, "LastSyncTime");
            Instant lastSuccess = TestMembers.instant(inbound, "LastSuccessfulSyncTime");
            assertThat(lastSync).as(down + ": LastSyncTime").isAfterOrEqualTo(since.truncatedTo(ChronoUnit.MICROS))
                    .isBeforeOrEqualTo(lastSuccess);
            assertThat(lastSuccess).as(down + ": LastSuccessfulSyncTime").isBeforeOrEqualTo(Instant.now());
            assertThat(inbound.get("LastErrorCode").asLong()).isZero();
            String memberGuid = inbound.get("MemberGuid").asText();

            JsonNode outbound = upstream.connection("Inbound = FALSE AND State = 1 AND PartnerName = '"
                    + down.name() + "'");
            assertThat(outbound.get("ConnectionGuid").asText()).isEqualTo(inbound.get("ConnectionGuid").asText());
            assertThat(outbound.get("PartnerGuid").asText()).isEqualTo(memberGuid);
            assertThat(outbound.get("MemberGuid").asText()).isEqualTo(inbound.get("PartnerGuid").asText());
            assertThat(outbound.get("ReplicationGroupGuid").asText())
                    .isEqualTo(inbound.get("ReplicationGroupGuid").asText());

            JsonNode entry = upstream.await(REPS_TO, "SELECT * FROM ReplProv_RepsTo WHERE UuidDsa = '" + memberGuid
                    + "'", i -> i.size() == 1).get(0).get("properties");
            assertThat(entry.get("NamingContext").asText())
                    .isEqualTo("CN=" + TestMembers.GROUP + ",CN=DFSR-GlobalSettings,CN=System");
            assertThat(entry.get("NaDsa").asText()).isEqualTo(down.uri().toString());
            assertThat(names(entry.get("OptionNames"))).isEqualTo(d.getValue());
        }
        assertThat(upstream.query(TestMembers.DFSR, "SELECT PartnerName FROM DfsrConnectionInfo WHERE Inbound = FALSE"))
                .as(upstream + ": outbound connections").hasSize(downstreams.size());
        assertThat(upstream.query(REPS_TO, "SELECT UuidDsa FROM ReplProv_RepsTo")).as(upstream + ": repsTo entries")
                .hasSize(downstreams.size());
    }

    /** Waits until every ReplProv_RepsTo entry of {@code upstream} records a successful notification. */
    static void allNotified(Member upstream, int entries) throws IOException, InterruptedException {
        JsonNode notified = upstream.await(REPS_TO, "SELECT * FROM ReplProv_RepsTo WHERE TimeLastSuccess IS NOT NULL",
                i -> i.size() == entries);
        for (JsonNode e : notified) {
            JsonNode p = e.get("properties");
            assertThat(p.get("ResultLastAttempt").asLong()).as(p.toString()).isZero();
            assertThat(p.get("ConsecutiveFailures").asLong()).as(p.toString()).isZero();
            assertThat(TestMembers.instant(p, "TimeLastSuccess")).isEqualTo(TestMembers.instant(p, "TimeLastAttempt"));
        }
    }

    /** Asserts that no notification was attempted yet: the changes that follow arrive by notification alone. */
    static void noneNotifiedYet(Member upstream) throws IOException, InterruptedException {
        assertThat(upstream.query(REPS_TO, "SELECT UuidDsa FROM ReplProv_RepsTo WHERE TimeLastAttempt IS NOT NULL"))
                .isEmpty();
    }

    private static List<String> names(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
