package org.replprov.engines.embedded;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.replprov.engine.spi.EngineException;
import org.replprov.engine.spi.IdRecordQuery;
import org.replprov.engine.spi.IdRecordSource;
import org.replprov.engine.spi.Uid;
import org.replprov.engines.embedded.store.EmbeddedDatabase;
import org.replprov.engines.embedded.store.IdRecord;

/**
 * The embedded engine's {@link IdRecordSource}: the ID tables of the replicated folders it hosts, looked up in its
 * database by Uid (the unique index on the Uid version), by file name (the index on the folded name,
 * {@link IdRecord#nameKey}) or, without either, read in Uid order up to the limit. A folder this member is the origin
 * of has no ID table (the engine reads its content from disk), so no records.
 */
final class IdRecordLookup {

    private final EmbeddedDatabase db;
    private final Collection<EmbeddedSettings.Folder> folders;

    IdRecordLookup(EmbeddedDatabase db, Collection<EmbeddedSettings.Folder> folders) {
        this.db = db;
        this.folders = List.copyOf(folders);
    }

    IdRecordSource.Page find(IdRecordQuery q, int limit) throws EngineException {
        List<IdRecordSource.Record> out = new ArrayList<>();
        try {
            for (EmbeddedSettings.Folder f : folders) {
                if (q.replicatedFolderGuid().isPresent() && !q.replicatedFolderGuid().get().equals(f.guid())) {
                    continue;
                }
                EmbeddedDatabase.Folder ids = db.folder(f.guid());
                List<IdRecord> found;
                int wanted = limit - out.size() + 1; // one more than fits says whether there are more
                if (q.uid().isPresent()) {
                    Uid uid = q.uid().get();
                    found = uid.databaseGuid().equals(ids.databaseGuid()) && uid.version() > 0
                            ? ids.byUid(uid.version()).stream().toList() : List.of();
                } else if (q.fileName().isPresent()) {
                    found = ids.byFileName(q.fileName().get(), wanted);
                } else {
                    found = ids.scan(1, wanted);
                }
                Map<String, Optional<IdRecord>> parents = new HashMap<>();
                for (IdRecord r : found) {
                    if (out.size() == limit) {
                        return new IdRecordSource.Page(out, true);
                    }
                    out.add(record(f, ids, r, parents));
                }
            }
        } catch (IOException e) {
            throw EngineException.failed("cannot read the ID table: " + e.getMessage(), e);
        }
        return new IdRecordSource.Page(out, false);
    }

    private static IdRecordSource.Record record(EmbeddedSettings.Folder f, EmbeddedDatabase.Folder ids, IdRecord r,
                                                Map<String, Optional<IdRecord>> parents) throws IOException {
        int slash = r.path().lastIndexOf('/');
        Uid parentUid = null;
        if (slash > 0) {
            String parent = r.path().substring(0, slash);
            Optional<IdRecord> p = parents.get(parent);
            if (p == null) {
                p = ids.byPath(parent);
                parents.put(parent, p);
            }
            parentUid = p.map(x -> new Uid(ids.databaseGuid(), x.uid())).orElse(null);
        }
        IdRecord.Version v = r.installed();
        return new IdRecordSource.Record(f.guid(), new Uid(ids.databaseGuid(), r.uid()), IdRecord.fileName(r.path()),
                f.path().resolve(r.path()).toString(), parentUid, r.directory(), v != null,
                v == null ? null : v.lastModified(), v == null || v.sha1().isEmpty() ? null : v.sha1());
    }
}
