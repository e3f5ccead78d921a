package org.replprov.engines.sambaad.directory;

import java.util.Objects;
import java.util.UUID;

/** A {@code site} object below {@code CN=Sites} of the configuration NC. */
public record Site(String dn, String name, UUID objectGuid) {

    public Site {
        Objects.requireNonNull(dn, "dn");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(objectGuid, "objectGuid");
    }
}
