package org.replprov.engines.embedded.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.replprov.engines.embedded.schedule.Throttle;
import org.replprov.engines.embedded.store.EmbeddedDatabase;
import org.replprov.engines.embedded.store.IdRecord;
import org.replprov.engines.embedded.transport.Entry;
import org.replprov.engines.embedded.transport.FileTransport;
import org.replprov.engines.embedded.transport.ForwardingTransport;
import org.replprov.engines.embedded.transport.Transport;
import org.replprov.engines.embedded.transport.TransportException;

/** One-way mirroring over file://: what arrives, what goes, what is kept safe, and the ID table behind it. */
class MirrorTest {

    static final Instant T1 = Instant.parse("2024-11-11T21:56:43.123Z");
    static final Instant T2 = Instant.parse("2025-01-02T03:04:05.678Z");
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T09:45:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;
    Path up;
    Path local;
    EmbeddedDatabase db;
    EmbeddedDatabase.Folder ids;

    @BeforeEach
    void setUp() throws IOException {
        up = Files.createDirectories(dir.resolve("upstream"));
        local = dir.resolve("replica");
        db = EmbeddedDatabase.open(dir.resolve("state"));
        ids = db.folder(UUID.fromString("0b6a2b8e-5d0c-4c57-9d43-1b0d2f7d9a10"));
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    Mirror mirror() {
        return mirror(new FileTransport(up), Mirror.Settings.DEFAULT);
    }

    Mirror mirror(Transport t, Mirror.Settings settings) {
        return new Mirror("rf", t, new Replica(local), ids, CLOCK, settings);
    }

    /** The upstream over file://, doing {@code action} with a file's path just before each read of it. */
    Transport upstreamDoingBeforeEachRead(Consumer<String> action) {
        return new ForwardingTransport(new FileTransport(up)) {
            @Override
            public InputStream read(String path, long offset) throws TransportException {
                action.accept(path);
                return super.read(path, offset);
            }
        };
    }

    SyncReport sync() throws Exception {
        return mirror().sync(Throttle.unlimited());
    }

    @Test
    void aCompletedPassRemovesPartialDownloadsNothingWillResumeAndKeepsOnesBeingWritten() throws Exception {
        Trees.write(up, "a.txt", "alpha", T1);
        sync();
        Path staging = local.resolve(Replica.PRIVATE).resolve("Staging").resolve("3");
        Path stale = Files.writeString(staging.resolve("of-a-file-gone-upstream"), "half");
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minusSeconds(60)));
        Path flat = Files.writeString(staging.getParent().resolve("of-an-earlier-version"), "flat layout");
        Files.setLastModifiedTime(flat, FileTime.from(Instant.now().minusSeconds(60)));
        Path fresh = Files.writeString(staging.resolve("of-a-forced-download"), "still arriving");
        Files.setLastModifiedTime(fresh, FileTime.from(Instant.now().plusSeconds(60)));

        sync();

        assertThat(stale).doesNotExist();
        assertThat(flat).doesNotExist();
        assertThat(fresh).exists();
        assertThat(Trees.read(local)).isEqualTo(Trees.read(up));
    }

    @Test
    void theFirstPassCopiesTheTreeWithTimesAndTheSecondFindsNothingToDo() throws Exception {
        Trees.write(up, "a.txt", "alpha", T1);
        Trees.write(up, "sub/deeper/b.txt", "beta", T2);
        Files.createDirectories(up.resolve("empty"));

        SyncReport first = sync();

        assertThat(Trees.read(local)).isEqualTo(Trees.read(up));
        assertThat(first.filesInstalled()).isEqualTo(2);
        assertThat(first.bytesInstalled()).isEqualTo(9);
        assertThat(first.directoriesCreated()).isEqualTo(3);
        assertThat(first.inSync()).isFalse();
        SyncReport second = sync();
        assertThat(second.differences()).isZero();
        assertThat(second.bytesTransferred()).isZero();
        assertThat(second.inSync()).isTrue();
    }

    @Test
    void everyPathGetsAUidThatStaysUntilThePathGoes() throws Exception {
        Trees.write(up, "a.txt", "alpha", T1);
        Trees.write(up, "b.txt", "beta", T1);
        sync();
        Map<String, IdRecord> before = ids.records();
        assertThat(before.get("a.txt").installed().sha1()).isEqualTo("be76331b95dfc399cd776d2fc68021e0db03cc4f");

        Trees.write(up, "a.txt", "alpha, changed", T2);
        Files.delete(up.resolve("b.txt"));
        sync();
        Trees.write(up, "b.txt", "beta again", T2);
        sync();

        Map<String, IdRecord> after = ids.records();
        assertThat(after.get("a.txt").uid()).isEqualTo(before.get("a.txt").uid());
        assertThat(after.get("a.txt").installed().size()).isEqualTo(14);
        assertThat(after.get("b.txt").uid()).isGreaterThan(before.get("b.txt").uid());
        assertThat(ids.byUid(after.get("b.txt").uid()).map(IdRecord::path)).contains("b.txt");
    }

    @Test
    void changesAndDeletionsUpstreamFollowWithTheirDirectories() throws Exception {
        Trees.write(up, "keep.txt", "k", T1);
        Trees.write(up, "gone/deep/x.txt", "x", T1);
        Trees.write(up, "change.txt", "v1", T1);
        sync();

        deleteTree(up.resolve("gone"));
        Trees.write(up, "change.txt", "v2", T2);
        SyncReport r = sync();

        assertThat(Trees.read(local)).isEqualTo(Trees.read(up));
        assertThat(r.deleted()).isEqualTo(3);
        assertThat(r.filesInstalled()).isEqualTo(1);
        assertThat(r.conflicts()).isZero();
        assertThat(ids.records()).containsOnlyKeys("keep.txt", "change.txt");
    }

    @Test
    void localChangesAreMovedToConflictAndDeletedBeforeReplicationOverwritesThem() throws Exception {
        Trees.write(up, "doc.txt", "upstream v1", T1);
        Trees.write(up, "other.txt", "o", T1);
        sync();

        Trees.write(local, "doc.txt", "edited on the read-only replica", T2);
        Trees.write(local, "mine.txt", "added locally", T2);
        Trees.write(local, "newdir/inner.txt", "added locally too", T2);
        Files.delete(local.resolve("other.txt"));
        Trees.write(up, "doc.txt", "upstream v2", T2);
        SyncReport r = sync();

        assertThat(Trees.read(local)).isEqualTo(Trees.read(up));
        assertThat(r.conflicts()).isEqualTo(3);
        assertThat(Trees.conflicts(local)).containsOnlyKeys("doc-20261121T094500000Z.txt",
                "mine-20261121T094500000Z.txt", "newdir-20261121T094500000Z/inner.txt");
        assertThat(Trees.conflicts(local)).containsValue("edited on the read-only replica");
    }

    @Test
    void aLocalFileChangedOnlyInItsTimeIsNoConflict() throws Exception {
        Trees.write(up, "doc.txt", "same", T1);
        sync();
        Files.setLastModifiedTime(local.resolve("doc.txt"), java.nio.file.attribute.FileTime.from(T2));
        Files.delete(up.resolve("doc.txt"));
        Trees.write(up, "new.txt", "keeps the upstream from looking empty", T1);

        SyncReport r = sync();

        assertThat(r.conflicts()).isZero();
        assertThat(r.deleted()).isEqualTo(1);
        assertThat(Trees.conflicts(local)).isEmpty();
    }

    @Test
    void filesAndDirectoriesMayTradePlaces() throws Exception {
        Trees.write(up, "x", "a file", T1);
        Trees.write(up, "y/inner.txt", "in a directory", T1);
        sync();

        Files.delete(up.resolve("x"));
        Trees.write(up, "x/now-a-dir.txt", "z", T2);
        deleteTree(up.resolve("y"));
        Trees.write(up, "y", "now a file", T2);
        SyncReport r = sync();

        assertThat(Trees.read(local)).isEqualTo(Trees.read(up));
        assertThat(r.conflicts()).isZero();
    }

    @Test
    void anEmptyUpstreamDoesNotEmptyTheReplicaUnlessAllowed() throws Exception {
        Trees.write(up, "a.txt", "alpha", T1);
        sync();
        Files.delete(up.resolve("a.txt"));

        assertThatThrownBy(this::sync).isInstanceOfSatisfying(TransportException.class,
                e -> assertThat(e.reason()).isEqualTo(TransportException.Reason.FAILED))
                .hasMessageContaining("lists nothing");
        assertThat(Trees.read(local)).containsKey("a.txt");

        mirror(new FileTransport(up), new Mirror.Settings(1, true)).sync(Throttle.unlimited());
        assertThat(Trees.read(local)).isEmpty();
    }

    @Test
    void anUpstreamErrorAnywhereInTheListingChangesNothing() throws Exception {
        Trees.write(up, "a.txt", "alpha", T1);
        Trees.write(up, "sub/b.txt", "beta", T1);
        sync();
        Files.delete(up.resolve("a.txt"));
        Trees.write(up, "c.txt", "new", T2);
        Transport failingInSub = new ForwardingTransport(new FileTransport(up)) {
            @Override
            public List<Entry> list(String directory) throws TransportException {
                if (directory.equals("sub")) {
                    throw new TransportException(TransportException.Reason.FAILED, "I/O error listing sub");
                }
                return super.list(directory);
            }
        };

        assertThatThrownBy(() -> mirror(failingInSub, Mirror.Settings.DEFAULT).sync(Throttle.unlimited()))
                .isInstanceOf(TransportException.class);
        assertThat(Trees.read(local)).containsOnlyKeys("a.txt", "sub", "sub/b.txt");

        Files.delete(dir.resolve("upstream/c.txt"));
        deleteTree(up);
        assertThatThrownBy(this::sync).isInstanceOfSatisfying(TransportException.class,
                e -> assertThat(e.reason()).isEqualTo(TransportException.Reason.NOT_FOUND));
        assertThat(Trees.read(local)).containsOnlyKeys("a.txt", "sub", "sub/b.txt");
    }

    @Test
    void aReplicaThatAlreadyHoldsTheFilesIsAdoptedWithoutDownloading() throws Exception {
        Trees.write(up, "a.txt", "alpha", T1);
        Trees.write(local, "a.txt", "alpha", T1);

        SyncReport r = sync();

        assertThat(r.bytesTransferred()).isZero();
        assertThat(r.conflicts()).isZero();
        assertThat(ids.records().get("a.txt").installedMatches(Entry.file("a.txt", 5, T1))).isTrue();
    }

    @Test
    void oneFileCanBeFetchedByItsUidAlone() throws Exception {
        Trees.write(up, "a.txt", "alpha", T1);
        Trees.write(up, "b.txt", "beta", T1);
        sync();
        Trees.write(up, "a.txt", "alpha v2", T2);
        Trees.write(up, "b.txt", "beta v2", T2);

        Optional<SyncReport> r = mirror().fetchOne(ids.records().get("b.txt").uid(), Throttle.unlimited());

        assertThat(r).hasValueSatisfying(rep -> assertThat(rep.filesInstalled()).isEqualTo(1));
        assertThat(Files.readString(local.resolve("b.txt"))).isEqualTo("beta v2");
        assertThat(Files.readString(local.resolve("a.txt"))).isEqualTo("alpha");
        assertThat(mirror().fetchOne(999, Throttle.unlimited())).isEmpty();
    }

    @Test
    void aFileThatShrinksWhileBeingReadIsLeftForTheNextPass() throws Exception {
        Trees.write(up, "shrinking.log", "0123456789", T1);
        Transport shrinksWhileRead = upstreamDoingBeforeEachRead(path -> Trees.write(up, path, "01234", T2));

        SyncReport r = mirror(shrinksWhileRead, Mirror.Settings.DEFAULT).sync(Throttle.unlimited());

        assertThat(r.skipped()).isEqualTo(1);
        assertThat(r.inSync()).isFalse();
        assertThat(Files.exists(local.resolve("shrinking.log"))).isFalse();
        assertThat(sync().filesInstalled()).isEqualTo(1);
        assertThat(Trees.read(local)).isEqualTo(Trees.read(up));
    }

    @Test
    void aFileThatGrowsWhileBeingReadIsCompletedByTheNextPass() throws Exception {
        Trees.write(up, "growing.log", "0123456789", T1);
        Transport growsWhileRead = upstreamDoingBeforeEachRead(
                path -> Trees.write(up, path, "0123456789 and more", T2));

        mirror(growsWhileRead, Mirror.Settings.DEFAULT).sync(Throttle.unlimited());

        assertThat(Files.readString(local.resolve("growing.log"))).as("the listed length, never more")
                .isEqualTo("0123456789");
        assertThat(sync().filesInstalled()).isEqualTo(1);
        assertThat(Trees.read(local)).isEqualTo(Trees.read(up));
    }

    @Test
    void aLocalFileThatAppearsDuringThePassIsMovedAsideNotOverwritten() throws Exception {
        Trees.write(up, "report.txt", "upstream", T1);
        Transport localWriterMeanwhile = upstreamDoingBeforeEachRead(
                path -> Trees.write(local, path, "written locally after the replica was listed", T2));

        SyncReport r = mirror(localWriterMeanwhile, Mirror.Settings.DEFAULT).sync(Throttle.unlimited());

        assertThat(r.conflicts()).isEqualTo(1);
        assertThat(Files.readString(local.resolve("report.txt"))).isEqualTo("upstream");
        assertThat(Trees.conflicts(local)).containsExactly(
                Map.entry("report-20261121T094500000Z.txt", "written locally after the replica was listed"));
    }

    static void deleteTree(Path p) throws IOException {
        try (var s = Files.walk(p)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
