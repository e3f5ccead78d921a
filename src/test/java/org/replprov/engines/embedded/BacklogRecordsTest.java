package org.replprov.engines.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.replprov.engine.spi.BacklogSource;
import org.replprov.engine.spi.IdRecordSource;
import org.replprov.engine.spi.Uid;
import org.replprov.engines.embedded.backlog.VersionVector;
import org.replprov.engines.embedded.store.EmbeddedDatabase;
import org.replprov.engines.embedded.store.IdRecord;
import org.replprov.engines.embedded.transport.Entry;

/**
 * The embedded engine's backlog records (docs/dfsr-provider.md §10.5): what the receiver's vector lacks or names in
 * another version, by path, capped with the rest signalled; ID-table Uids where the sender has records, path-derived
 * Uids (bit 58 set) where it has none.
 */
class BacklogRecordsTest {

    private static final UUID FOLDER = UUID.fromString("0e5b8ad4-2b44-4a6c-9a0f-5e5b8ad42b44");
    private static final Instant T = Instant.parse("2026-01-15T10:30:00Z");

    @TempDir
    Path dir;

    private EmbeddedSettings.Folder folder() {
        return new EmbeddedSettings.Folder("docs", FOLDER, dir, false);
    }

    @Test
    void theFirstHundredByPathOfWhatTheReceiverLacksAndTheRestSignalled() throws Exception {
        List<Entry> held = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            held.add(Entry.file(String.format("f%03d.txt", i), i, T));
        }
        // The receiver holds f000..f019 as they are, f020 in another version.
        List<Entry> receiver = new ArrayList<>(held.subList(0, 20));
        receiver.add(Entry.file("f020.txt", 999, T));
        VersionVector vector = VersionVector.of(FOLDER, receiver);
        try (EmbeddedDatabase db = EmbeddedDatabase.inMemory()) {
            EmbeddedDatabase.Folder ids = db.folder(FOLDER);
            IdRecordSource.Page page = new BacklogRecords(folder(), ids).find(held, vector,
                    BacklogSource.MAX_BACKLOG_ID_RECORDS);
            assertThat(page.more()).isTrue();
            assertThat(page.records()).hasSize(100);
            assertThat(page.records().get(0).fileName()).isEqualTo("f020.txt");
            assertThat(page.records().get(99).fileName()).isEqualTo("f119.txt");
            IdRecordSource.Record first = page.records().get(0);
            assertThat(first.uid()).isEqualTo(BacklogRecords.originUid(ids, "f020.txt"));
            assertThat(first.uid().databaseGuid()).isEqualTo(ids.databaseGuid());
            assertThat(first.uid().version() & BacklogRecords.ORIGIN_UID_BIT).isNotZero();
            assertThat(Uid.parse(first.uid().toString())).as("readable back").contains(first.uid());
            assertThat(first.present()).isTrue();
            assertThat(first.fullPathName()).isEqualTo(dir.resolve("f020.txt").toString());
            assertThat(first.fileHash()).isNull();

            assertThat(new BacklogRecords(folder(), ids).find(held, VersionVector.of(FOLDER, held), 100).records())
                    .as("in sync").isEmpty();
        }
    }

    @Test
    void aPathTheIdTableKnowsKeepsItsUidParentAndHash() throws Exception {
        Entry sub = Entry.directory("sub", T);
        Entry file = Entry.file("sub/a.txt", 5, T);
        try (EmbeddedDatabase db = EmbeddedDatabase.inMemory()) {
            EmbeddedDatabase.Folder ids = db.folder(FOLDER);
            List<IdRecord> seen = ids.assignUids(List.of(sub, file));
            String sha1 = "a9993e364706816aba3e25717850c26c9cd0d89d";
            ids.save(List.of(seen.get(0).installed(sub, ""), seen.get(1).installed(file, sha1)));
            IdRecordSource.Page page = new BacklogRecords(folder(), ids).find(List.of(sub, file),
                    VersionVector.of(FOLDER, List.of()), 100);
            assertThat(page.more()).isFalse();
            assertThat(page.records()).extracting(IdRecordSource.Record::fileName).containsExactly("sub", "a.txt");
            IdRecordSource.Record a = page.records().get(1);
            assertThat(a.uid()).isEqualTo(new Uid(ids.databaseGuid(), seen.get(1).uid()));
            assertThat(a.parentUid()).isEqualTo(new Uid(ids.databaseGuid(), seen.get(0).uid()));
            assertThat(a.fileHash()).isEqualTo(sha1);
            assertThat(page.records().get(0).directory()).isTrue();
        }
    }
}
