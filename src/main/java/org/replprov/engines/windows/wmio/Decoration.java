package org.replprov.engines.windows.wmio;

import java.util.Objects;

/**
 * The server and CIM namespace an object comes from (MS-WMIO §2.2.7): DecServerName and DecNamespaceName, both
 * present (possibly empty) when ObjectFlags has 0x04. Purely documentary; nothing in the encoding depends on them.
 */
public record Decoration(String server, String namespace) {

    public Decoration {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(namespace, "namespace");
    }
}
