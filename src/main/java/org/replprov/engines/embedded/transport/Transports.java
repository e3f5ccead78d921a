package org.replprov.engines.embedded.transport;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;

/** Opens the transport a folder URI names: {@code file:} or {@code smb:}. */
public final class Transports {

    private Transports() {
    }

    /**
     * The transport for {@code root}.
     *
     * @param smb how to connect when {@code root} is an {@code smb://} URI
     * @throws IllegalArgumentException for another scheme or a malformed URI
     */
    public static Transport open(URI root, SmbSettings smb) {
        String scheme = root.getScheme() == null ? "" : root.getScheme().toLowerCase(Locale.ROOT);
        return switch (scheme) {
            case "file" -> new FileTransport(Path.of(root));
            case "smb" -> new SmbTransport(root, smb);
            default -> throw new IllegalArgumentException("unsupported upstream " + root
                    + " (use file:///path or smb://host[:port]/share/path)");
        };
    }
}
