package org.replprov.engines.sambaad;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.replprov.drsr.Bytes;
import org.replprov.drsr.Schedule;
import org.replprov.engine.spi.LinkHealth;
import org.replprov.engines.sambaad.directory.DirectorySnapshot;
import org.replprov.engines.sambaad.directory.NtdsConnection;
import org.replprov.engines.sambaad.directory.Server;
import org.replprov.engines.sambaad.directory.Site;

/**
 * The connection schedule in the facts, on a fixed clock: an intra-site link is never closed by it, an inter-site
 * link without notification is SCHEDULE_CLOSED while the current slot is off, with NextSyncTime at the next open slot.
 */
class RefreshScheduleTest {

    /** 2024-01-07 was a Sunday: slot 0 of a week. */
    private static final Instant SUNDAY = Instant.parse("2024-01-07T00:00:00Z");

    /** DC0 (the hub) and DC1, DC1 moved to site {@code other} when asked, the inbound connection as given. */
    private static DirectorySnapshot directory(boolean otherSite, int options, Optional<Bytes> schedule) {
        DirectorySnapshot s = SyntheticDirectory.of(1, 2);
        List<Site> sites = new ArrayList<>(s.sites());
        List<Server> servers = new ArrayList<>(s.servers());
        if (otherSite) {
            String other = "CN=Other,CN=Sites," + s.rootDse().configurationNamingContext();
            sites.add(new Site(other, "Other", UUID.randomUUID()));
            Server dc1 = servers.get(1);
            servers.set(1, new Server(dc1.dn(), dc1.name(), dc1.objectGuid(), other, dc1.dnsHostName()));
        }
        List<NtdsConnection> connections = new ArrayList<>();
        for (NtdsConnection c : s.connections()) {
            connections.add(c.toServer().equals(s.dsa().dn()) ? new NtdsConnection(c.dn(), c.objectGuid(),
                    c.toServer(), c.fromServer(), c.enabledConnection(), options, schedule) : c);
        }
        return new DirectorySnapshot(s.rootDse(), s.dsa(), sites, servers, s.dsas(), connections, s.namingContexts(),
                s.elapsed());
    }

    private static LinkHealth inbound(DirectorySnapshot s, Instant now) {
        Refresh.Result r = Refresh.of(s, Map.of(), 2, now);
        UUID in = r.links().stream().filter(l -> l.inbound()).findFirst().orElseThrow().connectionGuid();
        return r.health().stream().filter(h -> h.connectionGuid().equals(in)).findFirst().orElseThrow();
    }

    private static Optional<Bytes> schedule(Schedule s) {
        return Optional.of(Bytes.of(s.encode()));
    }

    @Test
    void anIntraSiteLinkIgnoresAClosedSchedule() {
        LinkHealth h = inbound(directory(false, 0, schedule(Schedule.openAt())), SUNDAY);
        assertThat(h.condition()).isEqualTo(LinkHealth.Condition.CONNECTED);
        assertThat(h.sync().nextSyncTime()).isNull();
    }

    @Test
    void anInterSiteLinkWithoutNotificationIsClosedOutsideItsSlotsAndNextSyncIsTheNextOpenSlot() {
        DirectorySnapshot s = directory(true, 0, schedule(Schedule.openAt(10, 20)));
        LinkHealth before = inbound(s, SUNDAY.plusSeconds(9 * 900 + 600));
        assertThat(before.condition()).isEqualTo(LinkHealth.Condition.SCHEDULE_CLOSED);
        assertThat(before.sync().nextSyncTime()).isEqualTo(SUNDAY.plusSeconds(10 * 900));
        LinkHealth during = inbound(s, SUNDAY.plusSeconds(10 * 900 + 1));
        assertThat(during.condition()).isEqualTo(LinkHealth.Condition.CONNECTED);
        assertThat(during.sync().nextSyncTime()).isEqualTo(SUNDAY.plusSeconds(20 * 900));
        LinkHealth after = inbound(s, SUNDAY.plusSeconds(11 * 900));
        assertThat(after.condition()).isEqualTo(LinkHealth.Condition.SCHEDULE_CLOSED);
        LinkHealth allOff = inbound(directory(true, 0, schedule(Schedule.openAt())), SUNDAY);
        assertThat(allOff.condition()).isEqualTo(LinkHealth.Condition.SCHEDULE_CLOSED);
        assertThat(allOff.sync().nextSyncTime()).isNull();
    }

    @Test
    void useNotifyOrNoScheduleKeepsAnInterSiteLinkOpen() {
        assertThat(inbound(directory(true, Refresh.USE_NOTIFY, schedule(Schedule.openAt())), SUNDAY).condition())
                .isEqualTo(LinkHealth.Condition.CONNECTED);
        assertThat(inbound(directory(true, 0, Optional.empty()), SUNDAY).condition())
                .isEqualTo(LinkHealth.Condition.CONNECTED);
    }

    @Test
    void aMalformedScheduleIsOneProblemAndTheLinkStaysOpen() {
        byte[] bad = Schedule.openAt().encode();
        bad[16] = 0x7F; // Offset past the end
        DirectorySnapshot s = directory(true, 0, Optional.of(Bytes.of(bad)));
        Refresh.Result r = Refresh.of(s, Map.of(), 2, SUNDAY);
        assertThat(r.problems()).singleElement().asString().startsWith("schedule of CN=c1,")
                .contains("Offset=127").endsWith("at offset 0x10");
        assertThat(inbound(s, SUNDAY).condition()).isEqualTo(LinkHealth.Condition.CONNECTED);
    }

    @Test
    void aPausedLinkStaysPausedWhateverTheSchedule() {
        DirectorySnapshot s = directory(true, 0, schedule(Schedule.openAt()));
        NtdsConnection c = s.connections().stream().filter(x -> x.toServer().equals(s.dsa().dn())).findFirst()
                .orElseThrow();
        List<NtdsConnection> cs = new ArrayList<>(s.connections());
        cs.set(cs.indexOf(c), new NtdsConnection(c.dn(), c.objectGuid(), c.toServer(), c.fromServer(),
                Optional.of(false), 0, c.schedule()));
        DirectorySnapshot disabled = new DirectorySnapshot(s.rootDse(), s.dsa(), s.sites(), s.servers(), s.dsas(), cs,
                s.namingContexts(), s.elapsed());
        assertThat(inbound(disabled, SUNDAY).condition()).isEqualTo(LinkHealth.Condition.PAUSED);
    }
}
