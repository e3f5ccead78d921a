package org.replprov.server;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.replprov.testing.SambaServer;
import org.replprov.testing.TestMembers;
import org.replprov.testing.TestMembers.Member;

/**
 * Daemons reading each other over smb:// from a real smbd: the hub's folder and branch1's replica are shares; branch1
 * and branch2 mirror the hub's share and announce themselves to the hub daemon, and a leaf mirrors branch1's share and
 * announces itself to branch1. Every downstream polls hourly: a change on the hub travels to all three by
 * notifications alone, down the chain hub → branch1 → leaf.
 */
class SmbMembersTest {

    private static final List<String> DEFAULT_OPTIONS = List.of("DRS_INIT_SYNC", "DRS_PER_SYNC");

    @TempDir
    Path dir;
    TestMembers members;
    SambaServer smbd;

    @AfterEach
    void stopAll() {
        if (members != null) {
            members.close();
        }
        if (smbd != null) {
            smbd.close();
        }
    }

    /** An inbound connection from {@code partner} reading {@code share} as the smbd's user. */
    private Map<String, String> overSmb(String partner, String share) {
        Map<String, String> s = members.inbound(partner, smbd.uri(share, ""));
        s.put("inbound." + partner + ".smb.user", SambaServer.USER);
        s.put("inbound." + partner + ".smb.password", SambaServer.PASSWORD);
        s.put("inbound." + partner + ".smb.timeout", "5s");
        return s;
    }

    @Test
    void twoBranchesReadTheHubsShareAndALeafReadsBranch1sReplica() throws Exception {
        members = TestMembers.http(dir);
        TestMembers.write(members.folder("hub").resolve("a.txt"), "alpha");
        smbd = SambaServer.in(dir.resolve("smbd")).share("hub", members.home("hub"))
                .share("branch1", members.home("branch1")).start();
        Instant since = Instant.now();
        Member hub = members.start("hub", Map.of());
        Member branch1 = members.start("branch1", overSmb("hub", "hub"));
        Member branch2 = members.start("branch2", overSmb("hub", "hub"));
        Member leaf = members.start("leaf", overSmb("branch1", "branch1"));

        for (Member m : List.of(branch1, branch2, leaf)) {
            TestMembers.awaitFile(m.folder().resolve("a.txt"), "alpha");
        }
        MemberChecks.upstreamServes(hub, Map.of(branch1, DEFAULT_OPTIONS, branch2, DEFAULT_OPTIONS), since);
        MemberChecks.upstreamServes(branch1, Map.of(leaf, DEFAULT_OPTIONS), since);
        MemberChecks.noneNotifiedYet(hub);

        TestMembers.write(hub.folder().resolve("sub/b.txt"), "beta");
        for (Member m : List.of(branch1, branch2, leaf)) {
            TestMembers.awaitFile(m.folder().resolve("sub/b.txt"), "beta");
        }
        MemberChecks.allNotified(hub, 2);
        MemberChecks.allNotified(branch1, 1);
    }
}
