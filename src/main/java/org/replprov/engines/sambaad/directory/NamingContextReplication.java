package org.replprov.engines.sambaad.directory;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.replprov.drsr.Bytes;

/**
 * The replication attributes of one naming-context head, as stored: each value is one {@code REPS_FROM} /
 * {@code REPS_TO} blob (MS-DRSR §5.170, §5.171) and the up-to-dateness vector blob (MS-DRSR §5.166
 * {@code REPLUPTODATEVECTOR_BLOB}). Nothing is decoded here.
 *
 * @param ncDn               the NC head's DN
 * @param objectGuid         the NC head's objectGUID (the same on every replica)
 * @param repsFrom           one value per inbound partner
 * @param repsTo             one value per partner this DC notifies of changes
 * @param replUpToDateVector the vector, when the DC has replicated this NC from anyone
 */
public record NamingContextReplication(String ncDn, UUID objectGuid, List<Bytes> repsFrom, List<Bytes> repsTo,
                                       Optional<Bytes> replUpToDateVector) {

    public NamingContextReplication {
        Objects.requireNonNull(ncDn, "ncDn");
        Objects.requireNonNull(objectGuid, "objectGuid");
        repsFrom = List.copyOf(repsFrom);
        repsTo = List.copyOf(repsTo);
        Objects.requireNonNull(replUpToDateVector, "replUpToDateVector");
    }
}
