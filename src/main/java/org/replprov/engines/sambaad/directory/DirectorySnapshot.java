package org.replprov.engines.sambaad.directory;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything {@link DirectoryReader#readAll()} reads from one DC in one pass.
 *
 * @param dsas           every nTDSDSA object of the forest, the local one included
 * @param namingContexts one entry per NC of the rootDSE's {@code namingContexts}, in that order
 * @param elapsed        how long the pass took (connect and bind not included)
 */
public record DirectorySnapshot(RootDse rootDse, NtdsDsa dsa, List<Site> sites, List<Server> servers,
                                List<NtdsDsa> dsas,
                                List<NtdsConnection> connections, List<NamingContextReplication> namingContexts,
                                Duration elapsed) {

    public DirectorySnapshot {
        Objects.requireNonNull(rootDse, "rootDse");
        Objects.requireNonNull(dsa, "dsa");
        sites = List.copyOf(sites);
        servers = List.copyOf(servers);
        dsas = List.copyOf(dsas);
        connections = List.copyOf(connections);
        namingContexts = List.copyOf(namingContexts);
        Objects.requireNonNull(elapsed, "elapsed");
    }
}
