package org.replprov.engines.embedded;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.replprov.engine.spi.EngineException;
import org.replprov.engine.spi.IdRecordSource;
import org.replprov.engine.spi.Uid;
import org.replprov.engines.embedded.backlog.VersionVector;
import org.replprov.engines.embedded.store.EmbeddedDatabase;
import org.replprov.engines.embedded.store.IdRecord;
import org.replprov.engines.embedded.transport.Entry;

/**
 * The ID records of a folder's outbound backlog (GetOutboundBacklogFileIdRecords): the files and folders this member
 * holds that the receiver's {@link VersionVector} lacks or names in another version, by path, the first {@code limit}
 * of them. A path the folder's ID table has a record of (where this member receives the folder) keeps that record's
 * Uid and hash; a path without one (always at the folder's origin, which keeps no ID table) gets a Uid made from the
 * folder's database GUID and its path fingerprint ({@link #originUid}), stable while the path exists, and no hash.
 * Deletions have no record: the engine keeps no tombstones, and a vector names paths only by fingerprint
 * (docs/dfsr-provider.md §10.5).
 */
final class BacklogRecords {

    /**
     * Bit 58 set on the Uid numbers {@link #originUid} makes: an ID table counts its numbers up from 1 and never
     * reaches 2^58, so the two kinds never meet; 59 bits stay within the 18 digits a Uid's number is read with.
     */
    static final long ORIGIN_UID_BIT = 1L << 58;

    private final EmbeddedSettings.Folder folder;
    private final EmbeddedDatabase.Folder ids;
    private final Map<String, Optional<IdRecord>> records = new HashMap<>();

    BacklogRecords(EmbeddedSettings.Folder folder, EmbeddedDatabase.Folder ids) {
        this.folder = folder;
        this.ids = ids;
    }

    /**
     * The first {@code limit} records, by path, of what {@code held} has that {@code receiver} lacks; more when
     * there are further ones.
     */
    IdRecordSource.Page find(Collection<Entry> held, VersionVector receiver, int limit) throws EngineException {
        List<Entry> waiting = held.stream().filter(e -> !receiver.holds(e))
                .sorted(Comparator.comparing(Entry::path)).toList();
        List<Entry> first = waiting.subList(0, Math.min(limit, waiting.size()));
        try {
            List<IdRecordSource.Record> out = new ArrayList<>(first.size());
            for (Entry e : first) {
                out.add(record(e));
            }
            return new IdRecordSource.Page(out, waiting.size() > limit);
        } catch (IOException ex) {
            throw EngineException.failed("cannot read the ID table of " + folder.name() + ": " + ex.getMessage(), ex);
        }
    }

    private IdRecordSource.Record record(Entry e) throws IOException {
        Optional<IdRecord> r = recordOf(e.path());
        int slash = e.path().lastIndexOf('/');
        Uid parent = slash > 0 ? uid(e.path().substring(0, slash)) : null;
        String hash = r.filter(x -> x.installedMatches(e) && !x.installed().sha1().isEmpty())
                .map(x -> x.installed().sha1()).orElse(null);
        return new IdRecordSource.Record(folder.guid(), uid(e.path()), IdRecord.fileName(e.path()),
                folder.path().resolve(e.path()).toString(), parent, e.directory(), true, e.lastModified(), hash);
    }

    private Uid uid(String path) throws IOException {
        return recordOf(path).map(r -> new Uid(ids.databaseGuid(), r.uid()))
                .orElseGet(() -> originUid(ids, path));
    }

    private Optional<IdRecord> recordOf(String path) throws IOException {
        Optional<IdRecord> r = records.get(path);
        if (r == null) {
            r = ids.byPath(path);
            records.put(path, r);
        }
        return r;
    }

    /**
     * The Uid of a path the ID table has no record of: the folder's database GUID, and as number the path
     * fingerprint's top 58 bits with {@link #ORIGIN_UID_BIT} set.
     */
    static Uid originUid(EmbeddedDatabase.Folder ids, String path) {
        return new Uid(ids.databaseGuid(), ORIGIN_UID_BIT | VersionVector.pathFingerprint(path) >>> 6);
    }
}
