package org.replprov.engines.embedded.mirror;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

import org.replprov.engines.embedded.store.IdRecord;
import org.replprov.engines.embedded.transport.Entry;
import org.replprov.engines.embedded.transport.Paths;

/**
 * What one pass must do to make the replica equal the upstream, computed from three listings without touching
 * anything: the upstream, the replica, and the ID table.
 *
 * <p>The replica is read-only: whatever differs from the upstream is replaced, and whatever the engine did not put
 * there is a local change, which goes to ConflictAndDeleted (the executor decides for each file, by its hash, whether
 * it really changed). The ID table tells the two apart: it records what the engine installed.
 *
 * @param createDirectories upstream directories missing in the replica, parents first
 * @param adoptions entries the replica already holds as upstream has them but the ID table does not record (after a
 *     crash between a rename and its record, or a replica seeded by hand)
 * @param downloads upstream files whose content the replica does not hold, in path order
 * @param clearings records gone upstream below a directory that an upstream file replaces: they are removed before
 *     the downloads, to make room; files first, then directories deepest first
 * @param removals the other records of entries gone upstream, removed after the downloads; same order
 * @param localAdditions replica entries neither upstream nor installed by the engine; a directory stands for its
 *     whole tree
 */
public record Plan(List<Target> createDirectories, List<Target> adoptions, List<Target> downloads,
                   List<IdRecord> clearings, List<IdRecord> removals, List<String> localAdditions) {

    public Plan {
        createDirectories = List.copyOf(createDirectories);
        adoptions = List.copyOf(adoptions);
        downloads = List.copyOf(downloads);
        clearings = List.copyOf(clearings);
        removals = List.copyOf(removals);
        localAdditions = List.copyOf(localAdditions);
    }

    /**
     * An upstream entry and its record: the record gives the Uid and says what the replica held when the engine last
     * installed this path.
     *
     * @param occupied whether the replica held anything at this path when it was listed
     */
    public record Target(Entry upstream, IdRecord record, boolean occupied) {
        public Target {
            Objects.requireNonNull(upstream, "upstream");
            Objects.requireNonNull(record, "record");
        }

        /** A target whose path may be occupied. */
        public Target(Entry upstream, IdRecord record) {
            this(upstream, record, true);
        }
    }

    /**
     * The plan for a pass.
     *
     * @param upstream the upstream entries by path
     * @param local the replica's listing
     * @param records the ID table; it must hold a record (at least a pending one) for every upstream path
     */
    public static Plan of(Map<String, Entry> upstream, Replica.Listing local, Map<String, IdRecord> records) {
        List<Target> mkdirs = new ArrayList<>();
        List<Target> adoptions = new ArrayList<>();
        List<Target> downloads = new ArrayList<>();
        Set<String> others = new HashSet<>(local.others());
        for (Entry u : new TreeMap<>(upstream).values()) {
            IdRecord r = records.get(u.path());
            if (r == null) {
                throw new IllegalArgumentException("no ID record for upstream " + u.path());
            }
            Entry l = local.entries().get(u.path());
            boolean held = l != null && (u.directory() ? l.directory() : l.sameContentAs(u));
            Target t = new Target(u, r, l != null || others.contains(u.path()));
            if (held && !r.installedMatches(u)) {
                adoptions.add(t);
            } else if (!held && u.directory()) {
                mkdirs.add(t);
            } else if (!held) {
                downloads.add(t);
            }
        }

        Set<String> replacedDirectories = new HashSet<>();
        downloads.stream().filter(d -> d.record().directory()).forEach(d -> replacedDirectories.add(d.upstream().path()));
        List<IdRecord> clearings = new ArrayList<>();
        List<IdRecord> removals = new ArrayList<>();
        records.values().stream().filter(r -> !upstream.containsKey(r.path()))
                .sorted(Comparator.comparing(IdRecord::directory).thenComparing(r -> -depth(r.path()))
                        .thenComparing(IdRecord::path))
                .forEach(r -> (insideAny(r.path(), replacedDirectories) ? clearings : removals).add(r));

        List<String> additions = new ArrayList<>();
        Set<String> movedDirectories = new HashSet<>();
        List<String> candidates = new ArrayList<>(local.others());
        local.entries().values().stream().filter(l -> !upstream.containsKey(l.path()))
                .filter(l -> records.get(l.path()) == null || records.get(l.path()).installed() == null)
                .forEach(l -> candidates.add(l.path()));
        candidates.sort(Comparator.naturalOrder());
        for (String path : candidates) {
            if (insideAny(path, movedDirectories)) {
                continue; // moves with its directory
            }
            additions.add(path);
            Entry l = local.entries().get(path);
            if (l != null && l.directory()) {
                movedDirectories.add(path);
            }
        }
        return new Plan(mkdirs, adoptions, downloads, clearings, removals, additions);
    }

    /** How many entries differ between the replica and the upstream; 0 means in sync. */
    public int differences() {
        return createDirectories.size() + downloads.size() + clearings.size() + removals.size()
                + localAdditions.size();
    }

    private static boolean insideAny(String path, Set<String> directories) {
        for (String p = Paths.parent(path); !p.isEmpty(); p = Paths.parent(p)) {
            if (directories.contains(p)) {
                return true;
            }
        }
        return false;
    }

    private static int depth(String path) {
        return (int) path.chars().filter(c -> c == '/').count();
    }
}
