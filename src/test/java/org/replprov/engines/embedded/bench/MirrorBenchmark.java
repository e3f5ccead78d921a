package org.replprov.engines.embedded.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.replprov.engines.embedded.mirror.Mirror;
import org.replprov.engines.embedded.mirror.Replica;
import org.replprov.engines.embedded.mirror.SyncReport;
import org.replprov.engines.embedded.schedule.Throttle;
import org.replprov.engines.embedded.store.EmbeddedDatabase;
import org.replprov.engines.embedded.transport.FileTransport;
import org.replprov.engines.embedded.transport.SmbSettings;
import org.replprov.engines.embedded.transport.SmbTransport;
import org.replprov.engines.embedded.transport.Transport;
import org.replprov.testing.ProcessCpu;
import org.replprov.testing.SambaServer;
import org.replprov.testing.Tools;

/**
 * Mirrors 10 000 small files and 1 GiB in large files into an empty replica, over file:// and smb://, and times the
 * same copies made by {@code rsync -a} (file://) and {@code smbclient} mget (smb://) in the same run. Prints a
 * Markdown table of best-of-N times, the CPU time of those rounds, and the ratios (tool time / mirror time: above 1
 * the mirror is faster).
 *
 * <p>jcifs-ng signs every message of an SMB 3.1.1 session with an account, with AES-128-CMAC (the only SMB3 signing
 * algorithm it offers), and smbd then signs every response. smbclient signs nothing unless told to, so it runs twice:
 * signing with AES-128-CMAC too, the comparison at equal security, and unsigned, the way it runs by default.
 *
 * <p>Run with {@code scripts/bench-embedded [work-dir] [rounds] [small|large]}; without the last argument both data
 * sets run.
 */
public final class MirrorBenchmark {

    private static final int SMALL_FILES = 10_000;
    private static final int LARGE_FILES = 8;
    private static final long LARGE_SIZE = 128L << 20;

    private MirrorBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Files.createDirectories(Path.of(args.length > 0 ? args[0] : "target/bench")).toAbsolutePath();
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        List<String> sets = args.length > 2 ? List.of(args[2]) : List.of("small", "large");
        if (!List.of("small", "large").containsAll(sets)) {
            throw new IllegalArgumentException("data set must be small or large: " + args[2]);
        }
        String rsync = Tools.require("rsync", "rsync");
        String smbclient = Tools.require("smbclient", "smbclient");
        Path share = Files.createDirectories(work.resolve("share"));
        makeSmallFiles(share.resolve("small"));
        makeLargeFiles(share.resolve("large"));
        List<String> rows = new ArrayList<>();
        try (SambaServer smbd = SambaServer.in(Files.createDirectories(work.resolve("smbd")))
                .share("share", share).start()) {
            SmbSettings user = SmbSettings.DEFAULT.withCredentials(
                    new SmbSettings.Credentials("", SambaServer.USER, SambaServer.PASSWORD));
            for (String set : sets) {
                Path src = share.resolve(set);
                String what = set.equals("small") ? SMALL_FILES + " small files" : "1 GiB in " + LARGE_FILES + " files";
                Cost[] file = best(rounds, work, null, List.of(
                        dst -> run(List.of(rsync, "-a", src + "/", dst + "/"), dst),
                        dst -> mirror(new FileTransport(src), dst)));
                rows.add(row("file://", what, "rsync -a", file[0], file[1]));
                List<String> mget = List.of(smbclient, "//127.0.0.1/share", "-p", Integer.toString(smbd.port()),
                        "-U", SambaServer.USER + "%" + SambaServer.PASSWORD, "-m", "SMB3");
                List<String> signed = List.of("--client-protection=sign",
                        "--option=client smb3 signing algorithms=AES-128-CMAC");
                Cost[] smb = best(rounds, work, smbd, List.of(
                        dst -> run(smbclientMget(mget, signed, set, dst), dst),
                        dst -> mirror(new SmbTransport(smbd.uri("share", set), user), dst),
                        dst -> run(smbclientMget(mget, List.of(), set, dst), dst)));
                rows.add(row("smb://", what, "smbclient mget, signed (AES-128-CMAC)", smb[0], smb[1]));
                rows.add(row("smb://", what, "smbclient mget, unsigned", smb[2], smb[1]));
            }
        }
        System.out.println("| Transport | Data | Tool | Tool time | Tool CPU | Mirror time | Mirror CPU | Ratio |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
        System.out.println();
        System.out.println("CPU: client + smbd, in the best round; the client is the tool or the mirror's JVM. "
                + "Ratio: tool time / mirror time.");
    }

    private static List<String> smbclientMget(List<String> connect, List<String> options, String set, Path dst) {
        List<String> command = new ArrayList<>(connect);
        command.addAll(options);
        command.addAll(List.of("-c", "prompt OFF; recurse ON; cd " + set + "; lcd " + dst + "; mget *"));
        return command;
    }

    @FunctionalInterface
    interface Copy {
        void into(Path dst) throws Exception;
    }

    /**
     * A copy's best round: its wall time, and the CPU time the client (the JVM and the tool it ran) and the server
     * used in that round, in seconds.
     */
    record Cost(double seconds, double clientCpu, double serverCpu) {
    }

    /**
     * The best round of each copy over {@code rounds} rounds. The copies take turns, each into a fresh directory after
     * a {@code sync}, so that all meet the same disk and page-cache conditions.
     *
     * @param smbd the server the copies read from, whose CPU time is counted; null for local copies
     */
    private static Cost[] best(int rounds, Path work, SambaServer smbd, List<Copy> copies) throws Exception {
        Cost[] best = new Cost[copies.size()];
        for (int i = 0; i < rounds; i++) {
            for (int c = 0; c < copies.size(); c++) {
                Path dst = work.resolve("dst");
                delete(dst);
                Files.createDirectories(dst);
                sync();
                Duration client0 = ProcessCpu.self().plus(ProcessCpu.reapedChildren());
                Duration server0 = smbd == null ? Duration.ZERO : smbd.cpu();
                long t0 = System.nanoTime();
                copies.get(c).into(dst);
                double seconds = (System.nanoTime() - t0) / 1e9;
                Duration client = ProcessCpu.self().plus(ProcessCpu.reapedChildren()).minus(client0);
                Duration server = smbd == null ? Duration.ZERO : smbd.cpu().minus(server0);
                if (best[c] == null || seconds < best[c].seconds()) {
                    best[c] = new Cost(seconds, client.toNanos() / 1e9, server.toNanos() / 1e9);
                }
            }
        }
        delete(work.resolve("dst"));
        return best;
    }

    private static void mirror(Transport upstream, Path dst) throws Exception {
        Path state = dst.resolveSibling("dst-state");
        delete(state);
        try (EmbeddedDatabase db = EmbeddedDatabase.open(state); upstream) {
            SyncReport r = new Mirror("bench", upstream, new Replica(dst), db.folder(UUID.randomUUID()),
                    Clock.systemUTC(), Mirror.Settings.DEFAULT).sync(Throttle.unlimited());
            if (r.filesInstalled() == 0) {
                throw new IllegalStateException("nothing mirrored: " + r.summary());
            }
        }
    }

    private static void run(List<String> command, Path dst) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dst.resolveSibling("tool.log").toFile()).start();
        if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IOException(command.get(0) + " failed: " + Files.readString(dst.resolveSibling("tool.log")));
        }
    }

    private static String row(String transport, String what, String tool, Cost t, Cost m) {
        return String.format(Locale.ROOT, "| %s | %s | %s | %.2f s | %s | %.2f s | %s | %.2f× |", transport, what, tool,
                t.seconds(), cpu(t), m.seconds(), cpu(m), t.seconds() / m.seconds());
    }

    private static String cpu(Cost c) {
        return c.serverCpu() == 0 ? String.format(Locale.ROOT, "%.2f s", c.clientCpu())
                : String.format(Locale.ROOT, "%.2f + %.2f s", c.clientCpu(), c.serverCpu());
    }

    /** 10 000 files of 1–16 KiB in 100 directories. */
    private static void makeSmallFiles(Path dir) throws IOException {
        if (Files.exists(dir)) {
            return;
        }
        Random r = new Random(1);
        for (int i = 0; i < SMALL_FILES; i++) {
            byte[] b = new byte[1024 + r.nextInt(15 * 1024)];
            r.nextBytes(b);
            Path f = dir.resolve(String.format("d%02d/f%05d.bin", i % 100, i));
            Files.createDirectories(f.getParent());
            Files.write(f, b);
        }
    }

    private static void makeLargeFiles(Path dir) throws IOException {
        if (Files.exists(dir)) {
            return;
        }
        Files.createDirectories(dir);
        Random r = new Random(2);
        byte[] block = new byte[1 << 20];
        for (int i = 0; i < LARGE_FILES; i++) {
            try (OutputStream out = Files.newOutputStream(dir.resolve("large-" + i + ".bin"))) {
                for (long n = 0; n < LARGE_SIZE; n += block.length) {
                    r.nextBytes(block);
                    out.write(block);
                }
            }
        }
    }

    private static void sync() throws IOException, InterruptedException {
        new ProcessBuilder("sync").start().waitFor();
    }

    private static void delete(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path f : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(f);
            }
        }
    }
}
