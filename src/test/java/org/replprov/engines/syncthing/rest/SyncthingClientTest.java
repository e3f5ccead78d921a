package org.replprov.engines.syncthing.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.replprov.testing.SyncthingCluster;
import org.replprov.testing.SyncthingCluster.Instance;

/** The REST client against three real Syncthing instances (Debian's 1.19.2 in the test environment). */
class SyncthingClientTest {

    @TempDir
    static Path dir;

    static SyncthingCluster cluster;
    static Instance a;
    static Instance b;
    static Instance c;

    @BeforeAll
    static void start() throws Exception {
        cluster = SyncthingCluster.start(dir);
        a = cluster.get("a");
        b = cluster.get("b");
        c = cluster.get("c");
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** Polls {@code check} until it holds; fails with the last value otherwise. */
    static <T> T await(String what, Duration timeout, Callable<T> value, java.util.function.Predicate<T> check)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = null;
        Exception error = null;
        while (System.nanoTime() < deadline) {
            try {
                last = value.call();
                if (check.test(last)) {
                    return last;
                }
            } catch (SyncthingException e) {
                error = e;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(what + " did not happen within " + timeout + "; last: " + last, error);
    }

    @Test
    void everyTypedReadReturnsWhatTheClusterIs() throws Exception {
        for (Instance i : cluster.instances()) {
            SyncthingClient client = i.client();
            SystemStatus status = client.status();
            assertThat(status.myId()).isEqualTo(i.deviceId());
            assertThat(status.uptimeSeconds()).isNotNegative();

            Features features = client.features();
            assertThat(features.version()).startsWith("v");
            assertThat(features.dialStatus()).isEqualTo(status.lastDialStatus().isPresent());
            if (features.version().startsWith("v1.19.")) {
                assertThat(features.healthEndpoint()).isFalse();
                assertThat(features.dialStatus()).isTrue();
            }

            SyncthingConfig config = client.config();
            assertThat(config.devices()).extracting(SyncthingConfig.Device::name)
                    .containsExactlyInAnyOrder("member-a", "member-b", "member-c");
            assertThat(config.folders()).extracting(SyncthingConfig.Folder::id)
                    .containsExactlyInAnyOrderElementsOf(i.folders());
            assertThat(config.options().limitBandwidthInLan()).isFalse();

            Map<String, Connection> connections = client.connections();
            List<Instance> others = cluster.instances().stream().filter(o -> o != i).toList();
            assertThat(connections.keySet()).as("remote devices only")
                    .containsExactlyInAnyOrderElementsOf(others.stream().map(Instance::deviceId).toList());
            for (Connection conn : connections.values()) {
                assertThat(conn.connected()).isTrue();
                assertThat(conn.paused()).isFalse();
                assertThat(conn.address()).startsWith("127.0.0.1:");
                assertThat(conn.startedAt()).isPresent();
                assertThat(conn.clientVersion()).isEqualTo(features.version());
            }

            Map<String, DeviceStats> stats = client.deviceStats();
            assertThat(stats.get(i.deviceId()).lastSeen()).as("the local device is never seen").isEmpty();
            for (Instance o : others) {
                assertThat(stats.get(o.deviceId()).lastSeen()).isPresent();
            }

            for (String folder : i.folders()) {
                FolderStatus fs = await(i.name() + " " + folder + " idle", Duration.ofSeconds(30),
                        () -> client.folderStatus(folder), s -> s.state() == FolderState.IDLE);
                assertThat(fs.needTotalItems()).isZero();
                assertThat(fs.pullErrors()).isZero();
                assertThat(client.folderErrors(folder)).isEmpty();
                assertThat(client.need(folder)).isEqualTo(new NeedList(List.of(), List.of(), List.of()));
                for (String device : config.folder(folder).orElseThrow().deviceIds()) {
                    if (!device.equals(i.deviceId())) {
                        Completion done = await(folder + " complete on " + device, Duration.ofSeconds(30),
                                () -> client.completion(folder, device), x -> x.completion() == 100);
                        assertThat(done.needItems()).isZero();
                        assertThat(done.needBytes()).isZero();
                    }
                }
            }
            assertThat(client.systemErrors()).as("no errors; the running-as-root warning left out").isEmpty();
        }
    }

    @Test
    void theRunningAsRootWarningIsThereButLeftOut() throws Exception {
        HttpResponse<String> raw = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        a.guiUrl().resolve("rest/system/error")).header("X-API-Key", a.apiKey()).build(),
                HttpResponse.BodyHandlers.ofString());
        boolean root = "root".equals(System.getProperty("user.name"));
        assertThat(raw.body().contains(SystemError.RUNNING_AS_ROOT)).as("raw answer").isEqualTo(root);
        assertThat(a.client().systemErrors()).extracting(SystemError::message)
                .noneMatch(m -> m.startsWith(SystemError.RUNNING_AS_ROOT));
    }

    @Test
    void folderTypesAndDevicesComeFromTheConfiguration() throws Exception {
        SyncthingConfig onA = a.client().config();
        SyncthingConfig onB = b.client().config();
        assertThat(onA.folder("ab").orElseThrow().type()).isEqualTo(FolderType.SEND_ONLY);
        assertThat(onB.folder("ab").orElseThrow().type()).isEqualTo(FolderType.RECEIVE_ONLY);
        assertThat(onA.folder("tri").orElseThrow().type()).isEqualTo(FolderType.SEND_RECEIVE);
        assertThat(onA.folder("tri").orElseThrow().deviceIds())
                .containsExactlyInAnyOrder(a.deviceId(), b.deviceId(), c.deviceId());
        assertThat(onA.folder("ab").orElseThrow().deviceIds()).containsExactlyInAnyOrder(a.deviceId(), b.deviceId());
        assertThat(onA.folder("ac").orElseThrow().path()).isEqualTo(a.folder("ac").toString());
        SyncthingConfig.Device bOnA = onA.device(b.deviceId()).orElseThrow();
        assertThat(bOnA.addresses()).containsExactly("tcp://127.0.0.1:" + b.bepPort());
        assertThat(bOnA.paused()).isFalse();
        assertThat(bOnA.maxRecvKbps()).isZero();
    }

    @Test
    void pausingADeviceShowsInConnectionsAndConfig() throws Exception {
        SyncthingClient client = a.client();
        client.pauseDevice(b.deviceId());
        try {
            Connection paused = await("b paused on a", Duration.ofSeconds(10),
                    () -> client.connections().get(b.deviceId()), x -> x.paused());
            assertThat(paused.connected()).isFalse();
            assertThat(client.config().device(b.deviceId()).orElseThrow().paused()).as("persisted").isTrue();
            assertThat(client.connections().get(c.deviceId()).connected()).as("c unaffected").isTrue();
        } finally {
            client.resumeDevice(b.deviceId());
        }
        Connection back = await("b back on a", Duration.ofSeconds(20),
                () -> client.connections().get(b.deviceId()), Connection::connected);
        assertThat(back.paused()).isFalse();
    }

    @Test
    void filesWrittenWhileThePartnerIsPausedAreItsBacklogAndPrioReordersItsQueue() throws Exception {
        SyncthingClient onA = a.client();
        SyncthingClient onC = c.client();
        String prefix = "backlog-" + System.nanoTime() + "-";
        int files = 40;
        int size = 64 * 1024;
        long before = onA.folderStatus("ac").globalTotalItems();
        onA.pauseDevice(c.deviceId());
        try {
            await("c paused on a", Duration.ofSeconds(10), () -> onA.connections().get(c.deviceId()),
                    Connection::paused);
            Random random = new Random(7);
            for (int n = 0; n < files; n++) {
                byte[] data = new byte[size];
                random.nextBytes(data);
                Files.write(a.folder("ac").resolve(prefix + String.format("%02d", n) + ".bin"), data);
            }
            onA.scan("ac");
            await("a scanned", Duration.ofSeconds(30), () -> onA.folderStatus("ac"),
                    s -> s.state() == FolderState.IDLE && s.globalTotalItems() == before + files);
            Completion backlog = onA.completion("ac", c.deviceId());
            assertThat(backlog.needItems()).isEqualTo(files);
            assertThat(backlog.needBytes()).isEqualTo((long) files * size);
            assertThat(backlog.completion()).isLessThan(100);

            // c pulls slowly (8 KiB/s from a, loopback included), so that its queue stays visible.
            onC.setLimitBandwidthInLan(true);
            onC.setMaxRecvKbps(a.deviceId(), 8);
            SyncthingConfig cConfig = onC.config();
            assertThat(cConfig.options().limitBandwidthInLan()).isTrue();
            assertThat(cConfig.device(a.deviceId()).orElseThrow().maxRecvKbps()).isEqualTo(8);
            onA.resumeDevice(c.deviceId());
            NeedList need = await("c pulling", Duration.ofSeconds(30), () -> onC.need("ac"),
                    x -> x.progress().size() + x.queued().size() > 0);
            List<String> needed = new ArrayList<>(names(need.progress()));
            needed.addAll(names(need.queued()));
            needed.addAll(names(need.rest()));
            assertThat(needed).allMatch(n -> n.startsWith(prefix)).hasSizeLessThanOrEqualTo(files);
            // Syncthing 1.19 takes every file of a pull into "progress" at once (the queue is transient), so the
            // file may already be there; when it is still queued, prio must put it first.
            String last = prefix + String.format("%02d", files - 1) + ".bin";
            NeedList after = onC.prioritise("ac", last);
            if (names(after.queued()).contains(last)) {
                assertThat(names(after.queued()).get(0)).isEqualTo(last);
            } else {
                assertThat(names(after.progress())).contains(last);
            }
        } finally {
            onA.resumeDevice(c.deviceId());
            onC.setMaxRecvKbps(a.deviceId(), 0);
            onC.setLimitBandwidthInLan(false);
        }
        await("c has everything", Duration.ofSeconds(60), () -> onA.completion("ac", c.deviceId()),
                x -> x.completion() == 100 && x.needItems() == 0);
        assertThat(Files.size(c.folder("ac").resolve(prefix + "39.bin"))).isEqualTo(size);
    }

    private static List<String> names(List<NeedList.NeedFile> files) {
        return files.stream().map(NeedList.NeedFile::name).toList();
    }

    @Test
    void aKilledInstanceIsReportedAsDeviceDisconnectedWithinSeconds() throws Exception {
        EventStream events = a.client().events(List.of("DeviceConnected", "DeviceDisconnected"),
                Duration.ofSeconds(5), 100);
        assertThat(events.next()).isEqualTo(new EventStream.Gap(EventStream.GapReason.START, "stream started"));
        long killed = System.nanoTime();
        b.kill();
        try {
            Event.DeviceDisconnected gone = null;
            while (gone == null && System.nanoTime() - killed < Duration.ofSeconds(10).toNanos()) {
                if (events.next() instanceof EventStream.Batch batch) {
                    for (Event e : batch.events()) {
                        if (e.data() instanceof Event.DeviceDisconnected d && d.device().equals(b.deviceId())) {
                            gone = d;
                        }
                    }
                }
            }
            Duration latency = Duration.ofNanos(System.nanoTime() - killed);
            assertThat(gone).as("DeviceDisconnected for b").isNotNull();
            assertThat(latency).isLessThan(Duration.ofSeconds(5));
            assertThat(gone.error()).isNotEmpty();
        } finally {
            b.start();
        }
        cluster.awaitConnected(Duration.ofSeconds(30));
        boolean connected = false;
        for (int n = 0; n < 10 && !connected; n++) {
            if (events.next() instanceof EventStream.Batch batch) {
                connected = batch.events().stream().anyMatch(e -> e.data() instanceof Event.DeviceConnected d
                        && d.device().equals(b.deviceId()) && d.deviceName().equals("member-b"));
            }
        }
        assertThat(connected).as("DeviceConnected for b after its restart").isTrue();
    }

    @Test
    void aWrongApiKeyIsUnauthorizedAndTheKeyIsNowhere() {
        String wrong = "wrong-" + a.apiKey().substring(6);
        SyncthingSettings settings = SyncthingSettings.of(a.guiUrl(), ApiKey.of(wrong.toCharArray()));
        assertThat(settings.toString()).doesNotContain(wrong).contains("****");
        assertThat(settings.apiKey().toString()).doesNotContain(wrong);
        SyncthingClient client = new SyncthingClient(settings);
        assertThatThrownBy(client::status).isInstanceOfSatisfying(SyncthingException.class, e -> {
            assertThat(e.kind()).isEqualTo(SyncthingException.Kind.UNAUTHORIZED);
            assertThat(e.status()).isEqualTo(403);
            assertThat(e.getMessage()).contains("GET /rest/system/status", "403").doesNotContain(wrong)
                    .doesNotContain(a.apiKey());
        });
    }

    @Test
    void missingFoldersAndInvalidDevicesAreTypedErrorsWithSyncthingsText() {
        SyncthingClient client = a.client();
        assertThatThrownBy(() -> client.folderStatus("no-such-folder"))
                .isInstanceOfSatisfying(SyncthingException.class, e -> {
                    assertThat(e.kind()).isEqualTo(SyncthingException.Kind.NOT_FOUND);
                    assertThat(e.engineMessage()).isEqualTo("no such folder");
                    assertThat(e.getMessage()).contains("folder=no-such-folder");
                });
        assertThatThrownBy(() -> client.completion("tri", "NOT-A-DEVICE\n\u0007"))
                .isInstanceOfSatisfying(SyncthingException.class, e -> {
                    assertThat(e.kind()).isEqualTo(SyncthingException.Kind.REFUSED);
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.engineMessage()).contains("device ID invalid").doesNotContain("\n", "\u0007");
                    assertThat(e.getMessage()).contains("\\n\\u0007").doesNotContain("\n");
                });
    }

    @Test
    void answersLargerThanTheBoundAreRefused() {
        SyncthingClient small = new SyncthingClient(a.settings().withMaxResponseBytes(1024));
        assertThatThrownBy(small::config).isInstanceOfSatisfying(SyncthingException.class, e -> {
            assertThat(e.kind()).isEqualTo(SyncthingException.Kind.PROTOCOL);
            assertThat(e.getMessage()).contains("GET /rest/config", "1024");
        });
    }

    @Test
    void anHttpsGuiIsTrustedOnlyWithItsCertificate() throws Exception {
        assertThat(c.guiUrl().getScheme()).isEqualTo("https");
        assertThat(c.client().status().myId()).isEqualTo(c.deviceId());
        SyncthingSettings jdkTrust = SyncthingSettings.of(c.guiUrl(), ApiKey.of(c.apiKey()));
        assertThatThrownBy(() -> new SyncthingClient(jdkTrust).status())
                .isInstanceOfSatisfying(SyncthingException.class,
                        e -> assertThat(e.kind()).isEqualTo(SyncthingException.Kind.UNTRUSTED));
        // Another certificate (a's device certificate) is not c's.
        SyncthingSettings wrongPin = jdkTrust.withCaPem(Files.readString(a.home().resolve("cert.pem")));
        assertThatThrownBy(() -> new SyncthingClient(wrongPin).status())
                .isInstanceOfSatisfying(SyncthingException.class,
                        e -> assertThat(e.kind()).isEqualTo(SyncthingException.Kind.UNTRUSTED));
    }

    @Test
    void aFolderCanBePausedAndScanned() throws Exception {
        SyncthingClient client = b.client();
        client.setFolderPaused("bc", true);
        try {
            assertThat(client.config().folder("bc").orElseThrow().paused()).isTrue();
        } finally {
            client.setFolderPaused("bc", false);
        }
        assertThat(client.config().folder("bc").orElseThrow().paused()).isFalse();
        Files.writeString(b.folder("bc").resolve("scanned-" + System.nanoTime() + ".txt"), "hello",
                StandardCharsets.UTF_8);
        long before = client.folderStatus("bc").globalTotalItems();
        client.scan("bc");
        await("b scanned bc", Duration.ofSeconds(20), () -> client.folderStatus("bc"),
                s -> s.globalTotalItems() == before + 1);
    }

    @Test
    void eventsDroppedBeyondTheLimitAreAGap() throws Exception {
        SyncthingClient client = a.client();
        EventStream events = client.events(EventStream.ADAPTER_TYPES, Duration.ofSeconds(1), 2);
        assertThat(events.next()).isInstanceOf(EventStream.Gap.class);
        client.pauseDevice(b.deviceId());
        await("b paused on a", Duration.ofSeconds(10), () -> client.connections().get(b.deviceId()),
                Connection::paused);
        client.resumeDevice(b.deviceId());
        cluster.awaitConnected(Duration.ofSeconds(20));
        // DevicePaused, DeviceDisconnected, ConfigSaved, DeviceResumed, ConfigSaved, DeviceConnected …: more than 2.
        EventStream.Poll poll = events.next();
        assertThat(poll).isInstanceOfSatisfying(EventStream.Gap.class, g -> {
            assertThat(g.reason()).isEqualTo(EventStream.GapReason.MISSED);
            assertThat(g.detail()).contains("were lost");
        });
    }

    @Test
    void aCutStreamThrowsAndARestartIsAGap() throws Exception {
        EventStream events = b.client().events(EventStream.ADAPTER_TYPES, Duration.ofSeconds(30), 1000);
        assertThat(events.next()).isInstanceOf(EventStream.Gap.class);
        b.client().pauseDevice(c.deviceId());
        await("c paused on b", Duration.ofSeconds(10), () -> b.client().connections().get(c.deviceId()),
                Connection::paused);
        b.client().resumeDevice(c.deviceId());
        cluster.awaitConnected(Duration.ofSeconds(20));
        for (int n = 0; n < 10 && events.position() < 3; n++) {
            assertThat(events.next()).isInstanceOf(EventStream.Batch.class);
        }
        long position = events.position();
        assertThat(position).as("events read before the kill").isGreaterThanOrEqualTo(3);
        java.util.concurrent.ExecutorService poller = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            var pending = poller.submit(events::next);
            Thread.sleep(300); // the long-poll is waiting inside Syncthing
            b.kill();
            assertThatThrownBy(() -> pending.get(10, java.util.concurrent.TimeUnit.SECONDS))
                    .hasCauseInstanceOf(SyncthingException.class)
                    .satisfies(e -> assertThat(((SyncthingException) e.getCause()).kind())
                            .isEqualTo(SyncthingException.Kind.UNREACHABLE));
            assertThatThrownBy(events::next).isInstanceOfSatisfying(SyncthingException.class,
                    e -> assertThat(e.kind()).isEqualTo(SyncthingException.Kind.UNREACHABLE));
        } finally {
            poller.shutdownNow();
            b.start();
        }
        assertThat(events.next()).isInstanceOfSatisfying(EventStream.Gap.class,
                g -> assertThat(g.reason()).isEqualTo(EventStream.GapReason.RESTARTED));
        assertThat(events.position()).as("numbering began again").isLessThan(position);
        cluster.awaitConnected(Duration.ofSeconds(30));
        // The stream goes on from the new numbering, without another gap.
        b.client().pauseDevice(c.deviceId());
        List<Event> after = new ArrayList<>();
        try {
            for (int n = 0; n < 5 && after.stream().noneMatch(e -> e.data() instanceof Event.DevicePaused); n++) {
                assertThat(events.next()).isInstanceOfSatisfying(EventStream.Batch.class,
                        batch -> after.addAll(batch.events()));
            }
        } finally {
            b.client().resumeDevice(c.deviceId());
        }
        assertThat(after).anyMatch(e -> e.data().equals(new Event.DevicePaused(c.deviceId())));
        cluster.awaitConnected(Duration.ofSeconds(30));
    }

}
