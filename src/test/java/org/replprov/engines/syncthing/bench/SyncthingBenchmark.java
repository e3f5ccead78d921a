package org.replprov.engines.syncthing.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.replprov.engines.syncthing.rest.Event;
import org.replprov.engines.syncthing.rest.EventStream;
import org.replprov.engines.syncthing.rest.SyncthingClient;
import org.replprov.engines.syncthing.rest.SyncthingConfig;
import org.replprov.testing.SyncthingCluster;

/**
 * The Syncthing client figures of docs/performance.md, against the three-instance fixture:
 * <ul>
 *   <li>fixture start: generate three homes, start, every pair connected (one fresh cluster per round);</li>
 *   <li>event-to-client latency of {@code DeviceDisconnected}: from the SIGKILL of instance b to the event reaching
 *       an {@link EventStream} on instance a that was waiting in its long-poll;</li>
 *   <li>REST requests of a full re-read of instance a: everything an adapter reads after a gap.</li>
 * </ul>
 * Run with {@code scripts/bench-syncthing [work-dir] [start-rounds] [kill-rounds]}.
 */
public final class SyncthingBenchmark {

    private SyncthingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Files.createDirectories(Path.of(args.length > 0 ? args[0] : "target/bench-syncthing"))
                .toAbsolutePath();
        int startRounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int killRounds = args.length > 2 ? Integer.parseInt(args[2]) : 7;

        List<Duration> starts = new ArrayList<>();
        for (int r = 0; r < startRounds; r++) {
            try (SyncthingCluster cluster = SyncthingCluster.start(Files.createTempDirectory(work, "start"))) {
                starts.add(cluster.startDuration());
            }
        }
        System.out.println("fixture start (3 instances, all pairs connected): " + summary(starts));

        try (SyncthingCluster cluster = SyncthingCluster.start(Files.createTempDirectory(work, "kill"))) {
            SyncthingCluster.Instance a = cluster.get("a");
            SyncthingCluster.Instance b = cluster.get("b");
            List<Duration> latencies = new ArrayList<>();
            for (int r = 0; r < killRounds; r++) {
                EventStream events = a.client().events(List.of("DeviceDisconnected"), Duration.ofSeconds(30), 100);
                events.next(); // the start gap
                Thread poller = Thread.currentThread();
                long[] killedAt = new long[1];
                Thread killer = new Thread(() -> {
                    try {
                        Thread.sleep(300); // the long-poll is waiting inside Syncthing
                        killedAt[0] = System.nanoTime();
                        b.kill();
                    } catch (InterruptedException e) {
                        poller.interrupt();
                    }
                });
                killer.start();
                long seenAt = 0;
                while (seenAt == 0) {
                    if (events.next() instanceof EventStream.Batch batch) {
                        for (Event e : batch.events()) {
                            if (e.data() instanceof Event.DeviceDisconnected d && d.device().equals(b.deviceId())) {
                                seenAt = System.nanoTime();
                            }
                        }
                    }
                }
                killer.join();
                latencies.add(Duration.ofNanos(seenAt - killedAt[0]));
                b.start();
                cluster.awaitConnected(Duration.ofSeconds(30));
            }
            System.out.println("DeviceDisconnected, kill -9 to client: " + summary(latencies));

            SyncthingClient client = new SyncthingClient(a.settings());
            fullRead(client); // learns the local device ID once, as a long-running adapter has
            long before = client.requestCount();
            long t0 = System.nanoTime();
            int[] shape = fullRead(client);
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            System.out.printf(Locale.ROOT, "full re-read of a: %d requests (%d folders, %d folder-partner pairs), "
                    + "%.1f ms%n", client.requestCount() - before, shape[0], shape[1], took.toNanos() / 1e6);
        }
    }

    /** Everything an adapter reads after a gap; returns {folders, folder-partner pairs}. */
    static int[] fullRead(SyncthingClient client) throws Exception {
        String me = client.status().myId();
        SyncthingConfig config = client.config();
        client.connections();
        client.deviceStats();
        client.systemErrors();
        int pairs = 0;
        for (SyncthingConfig.Folder f : config.folders()) {
            client.folderStatus(f.id());
            client.folderErrors(f.id());
            for (String device : f.deviceIds()) {
                if (!device.equals(me)) {
                    client.completion(f.id(), device);
                    pairs++;
                }
            }
        }
        return new int[] {config.folders().size(), pairs};
    }

    private static String summary(List<Duration> values) {
        List<Long> ms = values.stream().map(Duration::toMillis).sorted().toList();
        return String.format(Locale.ROOT, "median %d ms, min %d ms, max %d ms over %d runs %s", ms.get(ms.size() / 2),
                ms.get(0), ms.get(ms.size() - 1), ms.size(), ms);
    }
}
