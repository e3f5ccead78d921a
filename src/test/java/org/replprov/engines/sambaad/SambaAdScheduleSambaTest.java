package org.replprov.engines.sambaad;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.replprov.drsr.Bytes;
import org.replprov.drsr.Schedule;
import org.replprov.engine.spi.DirectoryState;
import org.replprov.engine.spi.Link;
import org.replprov.engine.spi.LinkHealth;
import org.replprov.engines.sambaad.directory.DirectoryReader;
import org.replprov.engines.sambaad.directory.DirectorySnapshot;
import org.replprov.engines.sambaad.directory.NtdsConnection;
import org.replprov.engines.sambaad.directory.Server;
import org.replprov.providers.dfsr.ConnectionState;
import org.replprov.testing.SambaDomain;
import org.replprov.time.SystemScheduler;

/**
 * The connection schedule on real DCs: DC1's inbound {@code nTDSConnection} from DC2 gets a schedule with every slot
 * off and NTDSCONN_OPT_USE_NOTIFY cleared. Within one site the link stays Online (notification replicates whatever
 * the schedule); with DC2's server moved to another site it goes Offline (SCHEDULE_CLOSED), and NextSyncTime follows
 * the one open slot written next. Everything is put back afterwards. Samba's KCC runs every 300 s and would rewrite
 * the generated connection: the test takes seconds and checks at the end that the schedule it wrote is still there.
 */
class SambaAdScheduleSambaTest {

    private static SambaDomain domain;

    @TempDir
    Path dir;

    private final SystemScheduler scheduler = new SystemScheduler("samba-ad-schedule-test");
    private SambaAdEngine engine;

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

    @AfterEach
    void closeEngine() {
        if (engine != null) {
            engine.close();
        }
        scheduler.close();
    }

    @Test
    void aClosedScheduleTakesAnInterSiteLinkOfflineButNotAnIntraSiteOne() throws Exception {
        var settings = SambaAdTesting.settings(domain, domain.dc1(), dir.resolve("password"), Duration.ofMillis(300));
        engine = SambaAdTesting.engine(settings, dir.resolve("state"), scheduler, Optional.empty());
        SambaAdEngineSambaTest.Heard heard = new SambaAdEngineSambaTest.Heard();
        engine.start(heard.facts::add);
        heard.await(h -> h.links().stream().anyMatch(Link::inbound), "the inbound link");
        Link in = heard.inbound();
        heard.await(h -> h.state(in.connectionGuid()) == ConnectionState.ONLINE, "Online");

        DirectorySnapshot before = read();
        NtdsConnection connection = before.connections().stream()
                .filter(c -> c.objectGuid().equals(in.connectionGuid())).findFirst().orElseThrow();
        Server dc2 = before.servers().stream().filter(s -> s.name().equalsIgnoreCase("DC2")).findFirst()
                .orElseThrow();
        String config = before.rootDse().configurationNamingContext();
        String remoteServers = "CN=Servers,CN=Remote,CN=Sites," + config;
        String movedDc2 = "CN=" + dc2.name() + "," + remoteServers;
        String serversOfDc2 = dc2.dn().substring(dc2.dn().indexOf(',') + 1);
        Files.writeString(dir.resolve("ldap-password"), domain.adminPassword()); // -y: the whole file, no newline
        try {
            modify(connection.dn(), connection.options() & ~Refresh.USE_NOTIFY, Optional.of(Schedule.openAt()));
            passes(heard, 3);
            assertThat(heard.state(in.connectionGuid())).as("intra-site: notification, whatever the schedule")
                    .isEqualTo(ConnectionState.ONLINE);
            assertThat(heard.health(in.connectionGuid()).orElseThrow().sync().nextSyncTime()).isNull();

            domain.dc1().sambaTool(Duration.ofSeconds(60), "sites", "create", "Remote").requireOk();
            ldif("dn: " + dc2.dn() + "\nchangetype: modrdn\nnewrdn: CN=" + dc2.name() + "\ndeleteoldrdn: 1\n"
                    + "newsuperior: " + remoteServers + "\n");
            heard.await(h -> h.state(in.connectionGuid()) == ConnectionState.OFFLINE, "Offline between sites");
            LinkHealth closed = heard.health(in.connectionGuid()).orElseThrow();
            assertThat(closed.condition()).isEqualTo(LinkHealth.Condition.SCHEDULE_CLOSED);
            assertThat(closed.sync().nextSyncTime()).as("no slot open").isNull();

            int open = (Schedule.slotOf(Instant.now()) + 2) % Schedule.SLOTS;
            Schedule one = Schedule.openAt(open);
            Instant expected = one.nextOpenAfter(Instant.now()).orElseThrow();
            modify(connection.dn(), connection.options() & ~Refresh.USE_NOTIFY, Optional.of(one));
            heard.await(h -> expected.equals(h.health(in.connectionGuid()).orElseThrow().sync().nextSyncTime()),
                    "NextSyncTime at the open slot " + expected);
            assertThat(heard.state(in.connectionGuid())).isEqualTo(ConnectionState.OFFLINE);

            NtdsConnection now = read().connections().stream()
                    .filter(c -> c.objectGuid().equals(in.connectionGuid())).findFirst().orElseThrow();
            assertThat(now.schedule()).as("the KCC left the connection as written")
                    .contains(Bytes.of(one.encode()));
        } finally {
            if (read().servers().stream().anyMatch(s -> s.dn().equalsIgnoreCase(movedDc2))) {
                ldif("dn: " + movedDc2 + "\nchangetype: modrdn\nnewrdn: CN=" + dc2.name() + "\ndeleteoldrdn: 1\n"
                        + "newsuperior: " + serversOfDc2 + "\n");
            }
            if (read().sites().stream().anyMatch(s -> s.name().equals("Remote"))) {
                domain.dc1().sambaTool(Duration.ofSeconds(60), "sites", "remove", "Remote").requireOk();
            }
            modify(connection.dn(), connection.options(), connection.schedule().map(b -> {
                try {
                    return Schedule.decode(b.toArray());
                } catch (org.replprov.drsr.MalformedBlobException e) {
                    throw new AssertionError("DC1's own schedule does not decode: " + e.getMessage(), e);
                }
            }));
        }
        heard.await(h -> h.state(in.connectionGuid()) == ConnectionState.ONLINE, "Online again once restored");
        assertThat(read().connections().stream().filter(c -> c.objectGuid().equals(in.connectionGuid()))
                .findFirst().orElseThrow()).isEqualTo(connection);
    }

    /** Waits for {@code n} more passes (DirectoryState facts). */
    private static void passes(SambaAdEngineSambaTest.Heard heard, int n) throws InterruptedException {
        long seen = heard.facts.stream().filter(DirectoryState.class::isInstance).count();
        heard.await(h -> h.facts.stream().filter(DirectoryState.class::isInstance).count() >= seen + n,
                n + " passes");
    }

    private DirectorySnapshot read() throws Exception {
        var s = SambaAdSettings.parse(org.replprov.config.ConfigNode.of("test", "engines.ad",
                SambaAdTesting.settings(domain, domain.dc1(), dir.resolve("password"), Duration.ofSeconds(1))),
                n -> null);
        char[] password = s.password().read();
        try (DirectoryReader r = DirectoryReader.connect(s.directory(), password)) {
            return r.readAll();
        }
    }

    private void modify(String dn, int options, Optional<Schedule> schedule) throws Exception {
        ldif("dn: " + dn + "\nchangetype: modify\nreplace: options\noptions: " + options + "\n-\n"
                + schedule.map(s -> "replace: schedule\nschedule:: " + Base64.getEncoder().encodeToString(s.encode()))
                .orElse("delete: schedule") + "\n-\n");
    }

    /** Applies {@code ldif} on DC1 with ldapmodify over LDAPS, as the administrator, inside DC1's namespaces. */
    private void ldif(String ldif) throws Exception {
        Path file = Files.createTempFile(dir, "change", ".ldif");
        Files.writeString(file, ldif);
        SambaDomain.ToolResult r = domain.dc1().run(Duration.ofSeconds(60), List.of("env",
                "LDAPTLS_CACERT=" + domain.dc1().caFile(), "ldapmodify", "-x", "-H", "ldaps://"
                        + domain.dc1().hostName(), "-D", domain.adminUpn(), "-y", dir.resolve("ldap-password")
                        .toString(), "-f", file.toString()), false);
        assertThat(r.ok()).as(r + "\n" + ldif).isTrue();
    }
}
