package org.replprov.engines.syncthing.rest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /rest/db/need?folder=} (and the answer of {@code POST /rest/db/prio}): the files this instance still
 * needs in a folder, in the puller's order.
 *
 * @param progress files being pulled now
 * @param queued files queued in this pull, first to be pulled first; {@code /rest/db/prio} moves one to the front
 * @param rest files needed but not in this pull's queue
 */
public record NeedList(List<NeedFile> progress, List<NeedFile> queued, List<NeedFile> rest) {

    public NeedList {
        progress = List.copyOf(progress);
        queued = List.copyOf(queued);
        rest = List.copyOf(rest);
    }

    /**
     * A needed file, as the global index describes it.
     *
     * @param name the path in the folder, with '/' separators
     * @param sequence the sequence number of the index entry
     * @param version the version vector, as {@code SHORTID:counter} entries
     */
    public record NeedFile(String name, long size, boolean deleted, Optional<Instant> modified, long sequence,
                           List<String> version) {
        public NeedFile {
            version = List.copyOf(version);
        }
    }

    static NeedList from(Json.Node n) throws Json.Malformed {
        return new NeedList(files(n.optional("progress")), files(n.optional("queued")), files(n.optional("rest")));
    }

    private static List<NeedFile> files(Optional<Json.Node> list) throws Json.Malformed {
        List<NeedFile> out = new ArrayList<>();
        if (list.isPresent()) {
            for (Json.Node f : list.get().elements()) {
                Optional<Json.Node> modified = f.optional("modified");
                Optional<Json.Node> deleted = f.optional("deleted");
                out.add(new NeedFile(f.text("name"), f.integer("size"), deleted.isPresent() && deleted.get().bool(),
                        modified.isPresent() ? modified.get().time() : Optional.empty(), f.integer("sequence"),
                        f.texts("version")));
            }
        }
        return out;
    }
}
