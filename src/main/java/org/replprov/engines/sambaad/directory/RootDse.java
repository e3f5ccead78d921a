package org.replprov.engines.sambaad.directory;

import java.util.List;
import java.util.Objects;

/**
 * The rootDSE attributes replication monitoring needs (MS-ADTS §3.1.1.3.2, "rootDSE Attributes").
 *
 * @param dsServiceName              DN of the DC's own {@code nTDSDSA} object ("NTDS Settings")
 * @param highestCommittedUsn        the DC's highest committed update sequence number: a partner's backlog is
 *                                   measured against it
 * @param namingContexts             every naming context the DC holds a replica of
 * @param defaultNamingContext       the domain NC
 * @param configurationNamingContext the configuration NC (sites, servers, connections live there)
 * @param dnsHostName                the DC's DNS name
 * @param serverName                 DN of the DC's {@code server} object
 * @param isSynchronized             {@code isSynchronized}: whether the DC completed its initial synchronization
 */
public record RootDse(String dsServiceName, long highestCommittedUsn, List<String> namingContexts,
                      String defaultNamingContext, String configurationNamingContext, String dnsHostName,
                      String serverName, boolean isSynchronized) {

    public RootDse {
        Objects.requireNonNull(dsServiceName, "dsServiceName");
        namingContexts = List.copyOf(namingContexts);
        Objects.requireNonNull(defaultNamingContext, "defaultNamingContext");
        Objects.requireNonNull(configurationNamingContext, "configurationNamingContext");
        Objects.requireNonNull(dnsHostName, "dnsHostName");
        Objects.requireNonNull(serverName, "serverName");
    }
}
