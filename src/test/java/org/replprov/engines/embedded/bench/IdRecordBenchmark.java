package org.replprov.engines.embedded.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.replprov.cim.CimException;
import org.replprov.engine.EngineHost;
import org.replprov.engine.EngineLoader;
import org.replprov.engine.spi.EngineContext;
import org.replprov.engines.embedded.EmbeddedEngine;
import org.replprov.engines.embedded.store.EmbeddedDatabase;
import org.replprov.engines.embedded.store.IdRecord;
import org.replprov.mof.MofCompiler;
import org.replprov.provider.ObjectManager;
import org.replprov.providers.dfsr.DfsrIdRecordInfoProvider;
import org.replprov.providers.dfsr.DfsrSchema;
import org.replprov.state.InMemoryRepsToStore;
import org.replprov.testing.Settings;
import org.replprov.time.SystemScheduler;
import org.replprov.wql.ResultRow;

/**
 * The DfsrIdRecordInfo figures of docs/performance.md, outside {@code mvn verify}: run it with
 * {@code mvn -q -Pbench test -Dtest=IdRecordBenchmark}. It writes 1 000 000 ID records (1 000 folders of 999 files)
 * into the embedded engine's database, starts the engine on it, and times {@code SELECT Uid FROM DfsrIdRecordInfo
 * WHERE FileName = '...'} for random names through the object manager and the provider (the engine's timeout
 * threads included), then the unbounded query that the record cap refuses. Heap: used after a full GC, before
 * and after the queries.
 */
@Tag("benchmark")
class IdRecordBenchmark {

    private static final int DIRECTORIES = 1_000;
    private static final int FILES_PER_DIRECTORY = 999;
    private static final int WARM_UP = 300;
    private static final int QUERIES = 2_000;

    @TempDir
    Path dir;

    @Test
    void fileNameQueryOnAMillionRecords() throws Exception {
        Files.createDirectories(dir.resolve("docs"));
        try (SystemScheduler scheduler = new SystemScheduler("bench-timer")) {
            EmbeddedEngine engine = (EmbeddedEngine) EngineLoader.fromClassPath().create(new EngineContext("embedded",
                    "embedded", Settings.node(Map.of("member", "hub", "group", "Demo", "baseDirectory",
                    dir.toString(), "folders.docs.path", "docs")), dir.resolve("state"), scheduler,
                    InMemoryRepsToStore.create()));
            UUID folder = engine.settings().folders().get("docs").guid();
            long t0 = System.nanoTime();
            int records = fill(engine.settings().stateDirectory(), folder);
            System.out.printf(Locale.ROOT, "wrote %d ID records in %.1f s; database %.0f MiB%n", records,
                    (System.nanoTime() - t0) / 1e9,
                    Files.size(engine.settings().stateDirectory().resolve(EmbeddedDatabase.FILE_NAME)) / 1048576.0);

            EngineHost host = EngineHost.builder().engine("embedded", engine).build();
            try (host; ObjectManager om = ObjectManager.builder(MofCompiler.loadShippedSchema())
                    .register(DfsrSchema.NAMESPACE, DfsrIdRecordInfoProvider.CLASS, new DfsrIdRecordInfoProvider(host))
                    .build()) {
                host.start();
                MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
                System.gc();
                long before = memory.getHeapMemoryUsage().getUsed();
                Random random = new Random(15);
                long[] nanos = new long[QUERIES];
                for (int i = -WARM_UP; i < QUERIES; i++) {
                    int d = random.nextInt(DIRECTORIES);
                    int f = random.nextInt(FILES_PER_DIRECTORY);
                    String wql = "SELECT Uid FROM DfsrIdRecordInfo WHERE FileName = 'FILE-" + name(d, f)
                            .toUpperCase(Locale.ROOT) + "'";
                    long s = System.nanoTime();
                    List<ResultRow> rows = om.execQuery(DfsrSchema.NAMESPACE, wql);
                    long took = System.nanoTime() - s;
                    if (rows.size() != 1) {
                        throw new AssertionError(wql + " found " + rows.size());
                    }
                    if (i >= 0) {
                        nanos[i] = took;
                    }
                }
                System.gc();
                long after = memory.getHeapMemoryUsage().getUsed();
                Arrays.sort(nanos);
                System.out.printf(Locale.ROOT, "FileName query, %d after %d warm-up: median %.2f ms, p99 %.2f ms,"
                                + " max %.2f ms; heap used after GC %.1f MiB before, %.1f MiB after%n", QUERIES,
                        WARM_UP, nanos[QUERIES / 2] / 1e6, nanos[QUERIES * 99 / 100] / 1e6, nanos[QUERIES - 1] / 1e6,
                        before / 1048576.0, after / 1048576.0);

                List<Long> refused = new ArrayList<>();
                for (int i = 0; i < 25; i++) {
                    long s = System.nanoTime();
                    try {
                        om.execQuery(DfsrSchema.NAMESPACE, "SELECT Uid FROM DfsrIdRecordInfo WHERE Flags = 1");
                        throw new AssertionError("the unbounded query was answered");
                    } catch (CimException e) {
                        refused.add(System.nanoTime() - s);
                    }
                }
                refused.sort(null);
                System.gc();
                System.out.printf(Locale.ROOT, "unbounded query refused (WBEM_E_QUOTA_VIOLATION after %d records):"
                                + " median %.1f ms; heap used after GC %.1f MiB%n",
                        DfsrIdRecordInfoProvider.MAX_RECORDS, refused.get(refused.size() / 2) / 1e6,
                        memory.getHeapMemoryUsage().getUsed() / 1048576.0);
            }
        }
    }

    private static String name(int d, int f) {
        return String.format(Locale.ROOT, "%04d-%03d.txt", d, f);
    }

    /** One directory record and its files per directory, installed, in batches. */
    private static int fill(Path state, UUID folder) throws Exception {
        int n = 0;
        try (EmbeddedDatabase db = EmbeddedDatabase.open(state)) {
            EmbeddedDatabase.Folder ids = db.folder(folder);
            List<IdRecord> batch = new ArrayList<>();
            long uid = 1;
            Instant mtime = Instant.parse("2026-01-01T00:00:00Z");
            for (int d = 0; d < DIRECTORIES; d++) {
                String dirName = String.format(Locale.ROOT, "dir-%04d", d);
                batch.add(new IdRecord(dirName, uid++, true, new IdRecord.Version(0, mtime, "")));
                for (int f = 0; f < FILES_PER_DIRECTORY; f++) {
                    batch.add(new IdRecord(dirName + "/file-" + name(d, f), uid++, false,
                            new IdRecord.Version(100, mtime, "0123456789abcdef0123456789abcdef01234567")));
                }
                if (batch.size() >= 50_000) {
                    ids.save(batch);
                    n += batch.size();
                    batch.clear();
                }
            }
            ids.save(batch);
            n += batch.size();
        }
        return n;
    }
}
