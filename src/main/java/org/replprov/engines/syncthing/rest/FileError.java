package org.replprov.engines.syncthing.rest;

import java.util.ArrayList;
import java.util.List;

/** A file that failed to sync: {@code /rest/folder/errors} and {@code FolderErrors} events. */
public record FileError(String path, String error) {

    static List<FileError> list(Json.Node errors) throws Json.Malformed {
        List<FileError> out = new ArrayList<>();
        for (Json.Node e : errors.elements()) {
            out.add(new FileError(e.text("path"), e.text("error")));
        }
        return List.copyOf(out);
    }
}
