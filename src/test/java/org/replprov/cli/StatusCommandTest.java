package org.replprov.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.replprov.drsr.DsTime;
import org.replprov.drsr.ReplicaFlags;
import org.replprov.drsr.RepsTo;
import org.replprov.drsr.Win32Error;
import org.replprov.providers.dfsr.ConnectionTrigger;
import org.replprov.engine.spi.RepsToEntry;
import org.replprov.metrics.MetricFamily;
import org.replprov.testing.DfsrStack;
import org.replprov.testing.Links;
import org.replprov.testing.TestDaemon;

/**
 * {@code replprov status} against a real daemon in-process, serving the real DfsrConnectionInfo and ReplProv_RepsTo
 * providers over a fake engine with connections in each of the four states: the screen's content and order, the
 * exit codes (0 healthy, 1 degraded, 3 failed), colour only when asked for off a terminal, and an unreachable daemon.
 *
 * <p>The engine's health and the backlog come from metrics the daemon registers when it serves a real engine
 * ({@code replprov_engine_up}) and when an engine reports backlogs ({@code replprov_dfsr_backlog_files}); this test
 * registers them on the test daemon's registry itself, with the labels those metrics carry.
 */
class StatusCommandTest {

    private static final String NC = "CN=Demo,CN=DFSR-GlobalSettings,CN=System";
    private static final UUID FAILING = UUID.fromString("8f5a0c3e-2b7d-4c1a-9e6f-0a1b2c3d4e5f");
    private static final UUID FINE = UUID.fromString("1d2e3f40-5a6b-4c7d-8e9f-a0b1c2d3e4f5");

    private DfsrStack stack;
    private TestDaemon daemon;
    private Path passwordFile;
    private final AtomicBoolean engineUp = new AtomicBoolean(true);

    /**
     * The stack's connections 1 (inbound from BRANCH1, In Error) and 2 (outbound to BRANCH2, Online), plus 3
     * (inbound from BRANCH3, Connecting), 4 (inbound from BRANCH4, Online) and 5 (inbound from BRANCH5, Offline until
     * its schedule turns on); a repsTo partner failing and one not.
     */
    @BeforeEach
    void start() throws IOException {
        stack = DfsrStack.start();
        stack.engine().report(Links.inbound(3));
        stack.engine().trigger(Links.connection(3), ConnectionTrigger.SCHEDULE_ON);
        stack.engine().report(Links.inbound(4));
        online(4);
        stack.engine().report(Links.inbound(5));
        Instant now = Instant.now();
        stack.repsTo().put(new RepsToEntry(NC, new RepsTo("https://branch1.example:5989/", FAILING,
                ReplicaFlags.of(ReplicaFlags.Flag.DRS_INIT_SYNC), Win32Error.RPC_S_SERVER_UNAVAILABLE, 3,
                DsTime.of(now.minusSeconds(60)), DsTime.of(now.minusSeconds(2 * 3600 + 120)))));
        stack.repsTo().put(new RepsToEntry(NC, new RepsTo("https://branch2.example:5989/", FINE,
                ReplicaFlags.of(ReplicaFlags.Flag.DRS_INIT_SYNC), Win32Error.ERROR_SUCCESS, 0,
                DsTime.of(now.minusSeconds(60)), DsTime.of(now.minusSeconds(60)))));
        daemon = TestDaemon.start(stack.objectManager());
        daemon.daemon().metrics().register(() -> List.of(new MetricFamily("replprov_engine_up", "engine health",
                MetricFamily.Type.GAUGE, List.of(MetricFamily.Sample.of(List.of("engine"), List.of("fake"),
                        engineUp.get() ? 1 : 0)))));
        passwordFile = Files.createTempFile("password", ".txt");
        Files.writeString(passwordFile, TestDaemon.PASSWORD + "\n");
    }

    @AfterEach
    void stop() throws IOException {
        daemon.close();
        stack.close();
        Files.deleteIfExists(passwordFile);
    }

    private void online(int n) {
        stack.engine().trigger(Links.connection(n), ConnectionTrigger.SCHEDULE_ON);
        stack.engine().trigger(Links.connection(n), ConnectionTrigger.CONNECTION_ESTABLISHED);
    }

    /** Everything Online and no repsTo failure: what a healthy member looks like. */
    private void heal() {
        stack.engine().trigger(Links.connection(1), ConnectionTrigger.SERVICE_RETRY);
        stack.engine().trigger(Links.connection(1), ConnectionTrigger.CONNECTION_ESTABLISHED);
        stack.engine().trigger(Links.connection(3), ConnectionTrigger.CONNECTION_ESTABLISHED);
        online(5);
        stack.repsTo().put(new RepsToEntry(NC, new RepsTo("https://branch1.example:5989/", FAILING,
                ReplicaFlags.of(ReplicaFlags.Flag.DRS_INIT_SYNC), Win32Error.ERROR_SUCCESS, 0,
                DsTime.of(Instant.now()), DsTime.of(Instant.now()))));
    }

    private Cli.Run status(String... extra) {
        List<String> args = new ArrayList<>(List.of("status", "--url", daemon.uri().toString(), "--user",
                TestDaemon.READER, "--password-file", passwordFile.toString()));
        args.addAll(List.of(extra));
        return Cli.run(args.toArray(String[]::new));
    }

    @Test
    void connectionsByStateWorstFirstAndFailedForOneInError() {
        Cli.Run r = status();
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(3);
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).matches("replprov development at " + daemon.uri() + ", up \\d+ (s|min|h \\d+ min)");
        assertThat(lines.subList(1, lines.size())).containsExactly(
                "Health: failed (1 In Error, 1 Offline, 1 Connecting, 1 repsTo partner failing)",
                "",
                "Engines: fake up",
                "",
                "Connections: 1 In Error, 1 Offline, 1 Connecting, 2 Online",
                "",
                "In Error (1)",
                "  Partner  Direction  Group               Last success   Error",
                "  BRANCH1  inbound    Branch Office Data  1 h 0 min ago  DFSR_E_CANNOT_CONNECT 0xA0DF0001, event 5002 "
                        + "CONNECTION_ERROR",
                "",
                "Offline (1)",
                "  Partner  Direction  Group               Last success   Error",
                "  BRANCH5  inbound    Branch Office Data  never",
                "",
                "Connecting (1)",
                "  Partner  Direction  Group               Last success   Error",
                "  BRANCH3  inbound    Branch Office Data  never",
                "",
                "Online (2)",
                "  Partner  Direction  Group               Last success   Error",
                "  BRANCH2  outbound   Branch Office Data  never",
                "  BRANCH4  inbound    Branch Office Data  never",
                "",
                "repsTo: 2 partners, 1 failing",
                "  Partner                        Naming context                            Failures  Last result"
                        + "                      Last success",
                "  https://branch1.example:5989/  " + NC + "  3         RPC_S_SERVER_UNAVAILABLE (1722)  2 h 2 min "
                        + "ago");
        assertThat(r.out()).as("not a terminal: no colour").doesNotContain("\u001b");
    }

    @Test
    void degradedWhileAConnectionIsNotOnlineOrARepsToPartnerFails() {
        heal();
        stack.engine().trigger(Links.connection(4), ConnectionTrigger.DISCONNECTED);
        Cli.Run connecting = status();
        assertThat(connecting.exitCode()).as(connecting.out() + connecting.err()).isEqualTo(1);
        assertThat(connecting.out().lines()).contains("Health: degraded (1 Connecting)", "repsTo: 2 partners, "
                + "none failing", "Connections: 1 Connecting, 4 Online");

        stack.engine().trigger(Links.connection(4), ConnectionTrigger.CONNECTION_ESTABLISHED);
        stack.repsTo().put(new RepsToEntry(NC, new RepsTo("https://branch2.example:5989/", FINE,
                ReplicaFlags.of(ReplicaFlags.Flag.DRS_INIT_SYNC), Win32Error.ERROR_DS_DRA_BUSY, 1,
                DsTime.of(Instant.now()), DsTime.NEVER)));
        Cli.Run repsTo = status();
        assertThat(repsTo.exitCode()).as(repsTo.out() + repsTo.err()).isEqualTo(1);
        assertThat(repsTo.out().lines()).contains("Health: degraded (1 repsTo partner failing)",
                "  https://branch2.example:5989/  " + NC + "  1         ERROR_DS_DRA_BUSY (8438)  never");
    }

    @Test
    void healthyWhenEveryConnectionIsOnlineAndTheEngineUp() {
        heal();
        Cli.Run r = status();
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out().lines()).contains("Health: healthy", "Engines: fake up", "Connections: 5 Online",
                "Online (5)", "repsTo: 2 partners, none failing");
    }

    @Test
    void failedWhenTheEngineIsDownEvenWithEveryConnectionOnline() {
        heal();
        engineUp.set(false);
        Cli.Run r = status();
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(3);
        assertThat(r.out().lines()).contains("Health: failed (engine fake down)", "Engines: fake down");
    }

    /** Where the daemon exports backlogs, each connection shows its folders and the files waiting in them. */
    @Test
    void backlogAndFoldersWhereTheDaemonExportsThem() {
        daemon.daemon().metrics().register(() -> List.of(new MetricFamily("replprov_dfsr_backlog_files", "backlog",
                MetricFamily.Type.GAUGE, List.of(
                        MetricFamily.Sample.of(List.of("group", "folder", "member", "partner", "direction"),
                                List.of(Links.GROUP_NAME, "docs", Links.MEMBER_NAME, "BRANCH1", "inbound"), 17),
                        // An engine that does not name the member: counted for the group's members.
                        MetricFamily.Sample.of(List.of("group", "folder", "partner", "direction"),
                                List.of(Links.GROUP_NAME, "media", "BRANCH1", "inbound"), 3),
                        // Another member watched by the same engine, pulling from the same partner: not ours.
                        MetricFamily.Sample.of(List.of("group", "folder", "member", "partner", "direction"),
                                List.of(Links.GROUP_NAME, "archive", "FS02", "BRANCH1", "inbound"), 500),
                        // Same partner, other direction: not connection 1's backlog.
                        MetricFamily.Sample.of(List.of("group", "folder", "partner", "direction"),
                                List.of(Links.GROUP_NAME, "docs", "BRANCH1", "outbound"), 1000)))));
        Cli.Run r = status();
        assertThat(r.out().lines()).contains(
                "  Partner  Direction  Group               Folders     Last success   Backlog   Error",
                "  BRANCH1  inbound    Branch Office Data  docs,media  1 h 0 min ago  20 files  DFSR_E_CANNOT_CONNECT "
                        + "0xA0DF0001, event 5002 CONNECTION_ERROR",
                "  BRANCH5  inbound    Branch Office Data  -           never          -");
    }

    @Test
    void coloursOnlyWhenAsked() {
        Cli.Run always = status("--color", "always");
        assertThat(always.exitCode()).isEqualTo(3);
        assertThat(always.out()).contains("\u001b[31m\u001b[1mIn Error (1)\u001b[22m\u001b[0m",
                "Health: \u001b[31mfailed\u001b[0m", "Engines: fake \u001b[32mup\u001b[0m");
        Cli.Run never = status("--color", "never");
        assertThat(never.out()).doesNotContain("\u001b").contains("In Error (1)");
        assertThat(never.out().lines().skip(1).toList())
                .isEqualTo(always.out().replaceAll("\u001b\\[[0-9;]*m", "").lines().skip(1).toList());
        Cli.Run bad = status("--color", "sometimes");
        assertThat(bad.exitCode()).isEqualTo(Main.EXIT_USAGE);
    }

    @Test
    void autoColoursATerminalUnlessNoColorIsSet() {
        assertThat(StatusCommand.colour(StatusCommand.ColorMode.auto, true, null)).isTrue();
        assertThat(StatusCommand.colour(StatusCommand.ColorMode.auto, true, "")).isTrue();
        assertThat(StatusCommand.colour(StatusCommand.ColorMode.auto, true, "1")).isFalse();
        assertThat(StatusCommand.colour(StatusCommand.ColorMode.auto, false, null)).isFalse();
        assertThat(StatusCommand.colour(StatusCommand.ColorMode.always, false, "1")).isTrue();
        assertThat(StatusCommand.colour(StatusCommand.ColorMode.never, true, null)).isFalse();
    }

    @Test
    void anUnreachableDaemonHasFailed() {
        int port = TestDaemon.freePort();
        Cli.Run r = Cli.run("status", "--url", "http://127.0.0.1:" + port + "/");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines()).containsExactly(
                "replprov status: cannot connect to http://127.0.0.1:" + port + "/: is the daemon running?",
                "replprov status: health failed: no answer from the daemon");
    }

    @Test
    void refusedCredentialsKeepTheirOwnCode() throws IOException {
        Files.writeString(passwordFile, "wrong\n");
        Cli.Run r = status();
        assertThat(r.exitCode()).isEqualTo(ApiException.REFUSED);
        assertThat(r.err()).startsWith("replprov status: ");
    }

    /** Problems are always listed in full; Online connections up to ten, so that the screen stays one screen. */
    @Test
    void onlineConnectionsBeyondTenAreCounted() {
        heal();
        for (int n = 10; n < 22; n++) {
            stack.engine().report(Links.inbound(n));
            online(n);
        }
        Cli.Run r = status();
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        int header = lines.indexOf("Online (17)");
        assertThat(header).isPositive();
        assertThat(lines.subList(header + 2, header + 12)).allMatch(l -> l.startsWith("  BRANCH"));
        assertThat(lines.get(header + 12)).isEqualTo("  … and 7 more Online");
    }
}
