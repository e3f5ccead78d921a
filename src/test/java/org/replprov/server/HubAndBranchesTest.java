package org.replprov.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.replprov.testing.TestMembers;
import org.replprov.testing.TestMembers.Member;

/**
 * Three daemons over file://, talking over their HTTPS listeners: a hub and two branches that mirror its folder, each
 * announcing itself to the hub as the hub's operator and trusting the hub's certificate through peer.trustStore (as
 * the hub trusts theirs when it notifies them). The branches poll hourly: what arrives quickly arrived by
 * notification.
 */
class HubAndBranchesTest {

    @TempDir
    Path dir;
    TestMembers members;

    @AfterEach
    void stopAll() {
        if (members != null) {
            members.close();
        }
    }

    @Test
    void theHubShowsBothBranchesAndNotifiesThemOfAChange() throws Exception {
        members = TestMembers.https(dir);
        TestMembers.write(members.folder("hub").resolve("a.txt"), "alpha");
        Instant since = Instant.now();
        Member hub = members.start("hub", Map.of());
        Member branch1 = members.start("branch1", members.inbound("hub", members.home("hub").toUri()));
        Map<String, String> compressed = members.inbound("hub", members.home("hub").toUri());
        compressed.put("inbound.hub.replicaFlags", "DRS_INIT_SYNC DRS_PER_SYNC DRS_USE_COMPRESSION");
        Member branch2 = members.start("branch2", compressed);
        assertThat(hub.uri().getScheme()).isEqualTo("https");

        TestMembers.awaitFile(branch1.folder().resolve("a.txt"), "alpha"); // DRS_INIT_SYNC: replicated at start
        TestMembers.awaitFile(branch2.folder().resolve("a.txt"), "alpha");
        Map<Member, List<String>> branches = new LinkedHashMap<>();
        branches.put(branch1, List.of("DRS_INIT_SYNC", "DRS_PER_SYNC"));
        branches.put(branch2, List.of("DRS_INIT_SYNC", "DRS_PER_SYNC", "DRS_USE_COMPRESSION"));
        MemberChecks.upstreamServes(hub, branches, since);
        MemberChecks.noneNotifiedYet(hub);

        TestMembers.write(hub.folder().resolve("sub/b.txt"), "beta");
        TestMembers.awaitFile(branch1.folder().resolve("sub/b.txt"), "beta");
        TestMembers.awaitFile(branch2.folder().resolve("sub/b.txt"), "beta");
        MemberChecks.allNotified(hub, 2);
    }
}
