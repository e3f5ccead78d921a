package org.replprov.providers.msad;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimName;
import org.replprov.cim.CimTimestamp;
import org.replprov.cim.CimValue;
import org.replprov.config.ConfigNode;
import org.replprov.drsr.DsTime;
import org.replprov.drsr.Win32Error;
import org.replprov.engine.EngineHost;
import org.replprov.engine.spi.DirectoryState;
import org.replprov.engine.spi.EngineContext;
import org.replprov.engines.sambaad.SambaAdEngineProvider;
import org.replprov.engines.sambaad.SambaAdTesting;
import org.replprov.metrics.MetricFamily;
import org.replprov.mof.MofCompiler;
import org.replprov.provider.ObjectManager;
import org.replprov.repository.ClassRepository;
import org.replprov.testing.SambaDomain;
import org.replprov.testing.ShowRepl;
import org.replprov.time.SystemScheduler;
import org.replprov.wql.ResultRow;

/**
 * The MSAD classes over the samba-ad engine of DC1 in a real two-DC Samba domain, read through the object manager
 * with WQL and compared with {@code samba-tool drs showrepl --json} of the same DC.
 */
class MsadSambaTest {

    private static final String NS = MsadSchema.NAMESPACE;
    private static SambaDomain domain;
    private static SystemScheduler scheduler;
    private static EngineHost host;
    private static MsadState state;
    private static ObjectManager om;
    private static Path dir;

    @BeforeAll
    static void start() throws Exception {
        domain = SambaDomain.start();
        dir = Files.createTempDirectory("msad-test");
        scheduler = new SystemScheduler("msad-test");
        Map<String, Object> settings = SambaAdTesting.settings(domain, domain.dc1(), dir.resolve("password"),
                Duration.ofMillis(300));
        Files.createDirectories(dir.resolve("state"));
        var engine = new SambaAdEngineProvider().create(new EngineContext("dc1", "samba-ad",
                ConfigNode.of("test", "engines.dc1", settings), dir.resolve("state"), scheduler, null));
        host = EngineHost.builder().engine("dc1", "samba-ad", engine).timeout(Duration.ofSeconds(90)).build();
        state = new MsadState();
        host.subscribe(state);
        ClassRepository schema = MofCompiler.loadShippedSchema();
        ObjectManager.Builder b = ObjectManager.builder(schema);
        for (CimName c : MsadSchema.CLASSES) {
            b.register(NS, c, new MsadProvider(c, state, host));
        }
        om = b.build();
        host.start();
        await(() -> !state.engines().isEmpty(), "DC1 read");
    }

    @AfterAll
    static void stop() {
        if (om != null) {
            om.close();
        }
        if (host != null) {
            host.close();
        }
        if (scheduler != null) {
            scheduler.close();
        }
        if (domain != null) {
            domain.close();
        }
    }

    private static void await(java.util.function.BooleanSupplier done, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static List<CimInstance> query(String wql) {
        return om.execQuery(NS, wql).stream().map(ResultRow::instance).toList();
    }

    private static String text(CimInstance i, String p) {
        CimValue v = i.value(p);
        return v == null ? null : v.text();
    }

    private static long number(CimInstance i, String p) {
        return ((CimValue.Int) i.value(p)).value();
    }

    private static String time(CimInstance i, String p) {
        CimValue v = i.value(p);
        return SambaAdTesting.sambaTime(v == null ? DsTime.NEVER
                : DsTime.of(((CimTimestamp) v).toInstant().orElseThrow()));
    }

    @Test
    void everyReplNeighborEqualsShowreplFieldByField() throws Exception {
        ShowRepl oracle = null;
        List<CimInstance> neighbors = null;
        for (int attempt = 0; attempt < 20 && oracle == null; attempt++) {
            ShowRepl before = domain.dc1().showRepl();
            Instant asked = Instant.now();
            await(() -> state.engines().get(0).state().asOf().isAfter(asked), "a pass after showrepl");
            List<CimInstance> read = query("SELECT * FROM MSAD_ReplNeighbor");
            if (domain.dc1().showRepl().equals(before)) {
                oracle = before;
                neighbors = read;
            }
        }
        assertThat(oracle).as("showrepl settles").isNotNull();
        assertThat(neighbors).hasSameSizeAs(oracle.repsFrom()).hasSize(5);
        for (ShowRepl.Neighbour n : oracle.repsFrom()) {
            CimInstance i = neighbors.stream().filter(x -> text(x, "NamingContextDN").equalsIgnoreCase(n.ncDn())
                    && text(x, "SourceDsaObjGuid").equals(n.dsaObjectGuid().toString())).findFirst().orElseThrow();
            assertThat(text(i, "SourceDsaDN")).as("NTDS DN").isEqualTo(n.ntdsDn());
            assertThat(text(i, "SourceDsaSite") + "\\" + text(i, "SourceDsaCN")).as("DSA").isEqualTo(n.dsa());
            assertThat(time(i, "TimeOfLastSyncAttempt")).as("last attempt time").isEqualTo(n.lastAttemptTime());
            assertThat(time(i, "TimeOfLastSyncSuccess")).as("last success").isEqualTo(n.lastSuccess());
            long result = number(i, "LastSyncResult");
            assertThat(result == 0 ? "was successful" : "failed, result " + result + " ("
                    + new Win32Error((int) result).werrName().orElse("?") + ")").as("last attempt message")
                    .isEqualTo(n.lastAttemptMessage());
            assertThat(number(i, "NumConsecutiveSyncFailures")).as("consecutive failures")
                    .isEqualTo(n.consecutiveFailures());
            assertThat(i.value("IsDeletedSourceDsa")).isEqualTo(CimValue.bool(n.deleted()));
            // Samba stores what the pull asked for: DC1's values lack DRS_WRIT_REP (0x64), DC2's have it (0x70).
            assertThat(i.value("Writeable")).isEqualTo(CimValue.bool((number(i, "ReplicaFlags") & 0x10) != 0));
            assertThat(i.value("NeverSynced")).isEqualTo(CimValue.bool(false));
            assertThat(text(i, "Domain")).isIn(SambaDomain.DNS_DOMAIN, "DomainDnsZones." + SambaDomain.DNS_DOMAIN,
                    "ForestDnsZones." + SambaDomain.DNS_DOMAIN);
            assertThat(number(i, "USNAttributeFilter")).isPositive();
        }
    }

    @Test
    void cursorsNamingContextsTheDomainControllerAndNoPendingOperations() throws Exception {
        ShowRepl dc1 = domain.dc1().showRepl();
        ShowRepl dc2 = domain.dc2().showRepl();
        List<CimInstance> dcs = query("SELECT * FROM MSAD_DomainController");
        assertThat(dcs).singleElement().satisfies(d -> {
            assertThat(text(d, "NTDsaGUID")).isEqualTo(dc1.dsa().objectGuid().toString());
            assertThat(text(d, "CommonName")).isEqualTo("DC1");
            assertThat(text(d, "SiteName")).isEqualTo("Default-First-Site-Name");
            assertThat(d.value("IsGC")).isEqualTo(CimValue.bool((dc1.dsa().options() & 1) != 0));
            assertThat(d.value("PercentOfRIDsLeft")).isNull();
        });
        assertThat(query("SELECT * FROM MSAD_NamingContext")).hasSize(5)
                .allSatisfy(nc -> assertThat(nc.value("IsFullReplica")).isEqualTo(CimValue.bool(true)));
        List<CimInstance> cursors = query("SELECT * FROM MSAD_ReplCursor WHERE NamingContextDN = '"
                + SambaDomain.DOMAIN_DN + "'");
        assertThat(cursors).extracting(c -> text(c, "SourceDsaInvocationID"))
                .containsExactly(dc2.dsa().invocationId().toString());
        assertThat(cursors).filteredOn(c -> text(c, "SourceDsaInvocationID")
                .equals(dc2.dsa().invocationId().toString())).singleElement()
                .satisfies(c -> assertThat(text(c, "SourceDsaDN")).startsWith("CN=NTDS Settings,CN=DC2,"));
        assertThat(query("SELECT * FROM MSAD_ReplPendingOp")).isEmpty();
    }

    @Test
    void syncNamingContextBringsAUserCreatedOnDc2ToDc1() throws Exception {
        String user = "syncnc" + Long.toHexString(System.nanoTime() & 0xFFFFFF);
        domain.dc2().sambaTool(Duration.ofSeconds(60), "user", "create", user, "Forced-Passw0rd-1").requireOk();
        CimInstance neighbor = query("SELECT * FROM MSAD_ReplNeighbor WHERE NamingContextDN = '"
                + SambaDomain.DOMAIN_DN + "'").get(0);
        long t0 = System.nanoTime();
        var r = om.invokeMethod(NS, neighbor.path(), MsadSchema.SYNC_NAMING_CONTEXT,
                Map.of(CimName.of("Options"), CimValue.uint32(0)));
        assertThat(r.returnValue()).isEqualTo(CimValue.uint32(0));
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(60));
        SambaDomain.ToolResult search = domain.dc1().run(Duration.ofSeconds(30), List.of("env",
                "LDAPTLS_CACERT=" + domain.dc1().caFile(), "ldapsearch", "-LLL", "-x", "-H",
                "ldaps://" + domain.dc1().hostName(), "-D", domain.adminUpn(), "-w", domain.adminPassword(), "-b",
                SambaDomain.DOMAIN_DN, "(sAMAccountName=" + user + ")", "dn"), false);
        assertThat(search.stdout()).as(search.toString()).contains("CN=" + user + ",CN=Users,");
    }

    @Test
    void metricsPerNeighborIncludeANeverSyncedSeries() {
        List<MetricFamily> families = new MsadMetrics(state, scheduler.clock()).collect();
        Map<String, MetricFamily> byName = new java.util.HashMap<>();
        families.forEach(f -> byName.put(f.name(), f));
        assertThat(byName.get("replprov_msad_neighbor_never_synced").samples()).hasSize(5)
                .allSatisfy(s -> assertThat(s.value()).isZero());
        assertThat(byName.get("replprov_msad_neighbor_consecutive_failures").samples()).hasSize(5);
        assertThat(byName.get("replprov_msad_neighbor_last_success_age_seconds").samples()).hasSize(5)
                .allSatisfy(s -> assertThat(s.value()).isGreaterThanOrEqualTo(0));
        assertThat(byName.get("replprov_msad_neighbor_backlog_usn").samples()).hasSize(5)
                .allSatisfy(s -> assertThat(s.labelValues()).contains("dc1", "DC2"));
        assertThat(byName.get("replprov_msad_values_left_out").samples()).singleElement()
                .satisfies(s -> assertThat(s.value()).isZero());
        DirectoryState s = state.engines().get(0).state();
        assertThat(s.problems()).isEmpty();
    }
}
