package org.replprov.engine.spi;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.replprov.drsr.RepsFrom;

/**
 * The replication state of a directory server (an Active Directory domain controller), per naming context, as read in
 * one pass: the facts behind the MSAD classes of {@code root/MicrosoftActiveDirectory}, which look at a DC the way
 * IDL_DRSGetReplInfo does (MS-DRSR §4.1.13) rather than as links. Each pass replaces the previous one as a whole.
 *
 * @param local the DC itself (its nTDSDSA object)
 * @param namingContexts every NC replica the DC holds, with its up-to-dateness vector
 * @param neighbors every inbound neighbour: one per naming context and source DSA, with the stored {@code repsFrom}
 *     value decoded (MS-DRSR §5.172)
 * @param problems values that could not be decoded, one line each naming the NC, the attribute, the value's position
 *     and the byte offset; the values left out of {@link #neighbors} and {@link #namingContexts} for that reason
 * @param asOf when the pass read the directory
 */
public record DirectoryState(Dsa local, List<NamingContext> namingContexts, List<Neighbor> neighbors,
                             List<String> problems, Instant asOf) implements Observation {

    public DirectoryState {
        Objects.requireNonNull(local, "local");
        namingContexts = List.copyOf(namingContexts);
        neighbors = List.copyOf(neighbors);
        problems = List.copyOf(problems);
        Objects.requireNonNull(asOf, "asOf");
    }

    /**
     * A DSA (MS-ADTS §6.1.1.2.2.1.2.1.1).
     *
     * @param dn the nTDSDSA object's DN ({@code CN=NTDS Settings,CN=<server>,...})
     * @param commonName the server's name (the CN of the nTDSDSA object's parent)
     * @param siteName the site's name
     * @param objectGuid the DSA GUID
     * @param invocationId the invocation ID of its database
     * @param options its {@code options} (NTDSDSA_OPT_IS_GC 0x1, DISABLE_INBOUND_REPL 0x2, DISABLE_OUTBOUND_REPL 0x4)
     * @param dnsHostName its DNS name; empty when the directory does not say
     */
    public record Dsa(String dn, String commonName, String siteName, UUID objectGuid, UUID invocationId, int options,
                      String dnsHostName) {
        public Dsa {
            Objects.requireNonNull(dn, "dn");
            Objects.requireNonNull(commonName, "commonName");
            Objects.requireNonNull(siteName, "siteName");
            Objects.requireNonNull(objectGuid, "objectGuid");
            Objects.requireNonNull(invocationId, "invocationId");
            Objects.requireNonNull(dnsHostName, "dnsHostName");
        }

        /** NTDSDSA_OPT_IS_GC: the DSA is a global catalog. */
        public boolean isGlobalCatalog() {
            return (options & 0x1) != 0;
        }
    }

    /**
     * One NC replica.
     *
     * @param scope the NC (its objectGUID and DN)
     * @param writable whether the replica is writable (listed in the DSA's {@code msDS-hasMasterNCs})
     * @param cursors its {@code replUpToDateVector} (MS-DRSR §5.166); empty when it has none or it was malformed
     */
    public record NamingContext(Scope scope, boolean writable, List<Cursor> cursors) {
        public NamingContext {
            Objects.requireNonNull(scope, "scope");
            cursors = List.copyOf(cursors);
        }
    }

    /**
     * One cursor of an up-to-dateness vector (MS-DRSR §5.166): the changes of the DC with invocation ID
     * {@code sourceInvocationId} applied here up to {@code usnHighPropUpdate}.
     *
     * @param sourceDsaDn the nTDSDSA object with that invocation ID; empty when none is known (a retired DC)
     * @param lastSyncSuccess the last successful replication from that DC; empty when the vector does not say
     */
    public record Cursor(UUID sourceInvocationId, long usnHighPropUpdate, Optional<String> sourceDsaDn,
                         Optional<Instant> lastSyncSuccess) {
        public Cursor {
            Objects.requireNonNull(sourceInvocationId, "sourceInvocationId");
            Objects.requireNonNull(sourceDsaDn, "sourceDsaDn");
            Objects.requireNonNull(lastSyncSuccess, "lastSyncSuccess");
        }
    }

    /**
     * One inbound neighbour of one NC (MS-DRSR §4.1.13.1.7 DS_REPL_NEIGHBORW).
     *
     * @param connectionGuid the link ({@link Link#connectionGuid()}) this neighbour belongs to
     * @param namingContext the NC
     * @param source the source DSA; when the directory no longer has its nTDSDSA object, a DSA named after its GUID
     *     and {@link #sourceDeleted} is true
     * @param sourceDeleted whether the source DSA is gone from the directory
     * @param repsFrom the stored value, decoded
     */
    public record Neighbor(UUID connectionGuid, Scope namingContext, Dsa source, boolean sourceDeleted,
                           RepsFrom repsFrom) {
        public Neighbor {
            Objects.requireNonNull(connectionGuid, "connectionGuid");
            Objects.requireNonNull(namingContext, "namingContext");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(repsFrom, "repsFrom");
        }
    }
}
