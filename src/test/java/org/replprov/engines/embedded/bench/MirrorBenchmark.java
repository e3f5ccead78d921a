package org.replprov.engines.embedded.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
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
import org.replprov.testing.SambaServer;
import org.replprov.testing.Tools;

/**
 * Mirrors 10 000 small files and 1 GiB in large files into an empty replica, over file:// and smb://, and times the
 * same copies made by {@code rsync -a} (file://) and {@code smbclient} mget (smb://) in the same run. Prints a
 * Markdown table of best-of-N times and the ratios (tool time / mirror time: above 1 the mirror is faster).
 *
 * <p>Run with {@code scripts/bench-embedded [work-dir] [rounds]}.
 */
public final class MirrorBenchmark {

    private static final int SMALL_FILES = 10_000;
    private static final int LARGE_FILES = 8;
    private static final long LARGE_SIZE = 128L << 20;

    private MirrorBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Files.createDirectories(Path.of(args.length > 0 ? args[0] : "target/bench"));
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
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
            for (String set : List.of("small", "large")) {
                Path src = share.resolve(set);
                String what = set.equals("small") ? SMALL_FILES + " small files" : "1 GiB in " + LARGE_FILES + " files";
                double[] file = best(rounds, work, dst -> run(List.of(rsync, "-a", src + "/", dst + "/"), dst),
                        dst -> mirror(new FileTransport(src), dst));
                rows.add(row("file://", what, "rsync -a", file));
                double[] smb = best(rounds, work, dst -> run(List.of(smbclient, "//127.0.0.1/share", "-p",
                        Integer.toString(smbd.port()), "-U", SambaServer.USER + "%" + SambaServer.PASSWORD,
                        "-m", "SMB3", "-c", "prompt OFF; recurse ON; cd " + set + "; lcd " + dst + "; mget *"), dst),
                        dst -> mirror(new SmbTransport(smbd.uri("share", set), user), dst));
                rows.add(row("smb://", what, "smbclient mget", smb));
            }
        }
        System.out.println("| Transport | Data | Tool | Tool time | Mirror time | Ratio (tool/mirror) |");
        System.out.println("|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
    }

    @FunctionalInterface
    interface Copy {
        void into(Path dst) throws Exception;
    }

    /**
     * The best times of the tool and of the mirror over {@code rounds} rounds, in seconds. The two take turns, each
     * into a fresh directory after a {@code sync}, so that both meet the same disk and page-cache conditions.
     */
    private static double[] best(int rounds, Path work, Copy tool, Copy mirror) throws Exception {
        double[] best = {Double.MAX_VALUE, Double.MAX_VALUE};
        Copy[] copies = {tool, mirror};
        for (int i = 0; i < rounds; i++) {
            for (int c = 0; c < 2; c++) {
                Path dst = work.resolve("dst");
                delete(dst);
                Files.createDirectories(dst);
                sync();
                long t0 = System.nanoTime();
                copies[c].into(dst);
                best[c] = Math.min(best[c], (System.nanoTime() - t0) / 1e9);
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

    private static String row(String transport, String what, String tool, double[] seconds) {
        return String.format(Locale.ROOT, "| %s | %s | %s | %.2f s | %.2f s | %.2f× |", transport, what, tool,
                seconds[0], seconds[1], seconds[0] / seconds[1]);
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
