package org.replprov.engines.sambaad.directory;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A {@code server} object below a site's {@code CN=Servers}: one DC (or a former one).
 *
 * @param siteDn      DN of the site it is in (the parent of its {@code CN=Servers} container)
 * @param dnsHostName its {@code dNSHostName}, when set
 */
public record Server(String dn, String name, UUID objectGuid, String siteDn, Optional<String> dnsHostName) {

    public Server {
        Objects.requireNonNull(dn, "dn");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(objectGuid, "objectGuid");
        Objects.requireNonNull(siteDn, "siteDn");
        Objects.requireNonNull(dnsHostName, "dnsHostName");
    }
}
