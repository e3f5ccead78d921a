package org.replprov.engines.sambaad.directory;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.replprov.drsr.Bytes;

/**
 * An {@code nTDSConnection} object (MS-ADTS §6.1.1.2.2.1.2.1.2): an inbound replication link of the DSA it is stored
 * under, from {@code fromServer}.
 *
 * @param dn                its DN; its parent is the DSA that replicates in
 * @param objectGuid        the connection's GUID (the same on every DC once replicated)
 * @param toServer          DN of the DSA that pulls (the parent of the object)
 * @param fromServer        DN of the partner DSA it pulls from
 * @param enabledConnection {@code enabledConnection}; empty when not set (treated as enabled by the KCC)
 * @param options           NTDSCONN_OPT_* bits; 0 when absent
 * @param schedule          the raw SCHEDULE blob (MS-ADTS §7.1.4.5.2) when set, not decoded here
 */
public record NtdsConnection(String dn, UUID objectGuid, String toServer, String fromServer,
                             Optional<Boolean> enabledConnection, int options, Optional<Bytes> schedule) {

    public NtdsConnection {
        Objects.requireNonNull(dn, "dn");
        Objects.requireNonNull(objectGuid, "objectGuid");
        Objects.requireNonNull(toServer, "toServer");
        Objects.requireNonNull(fromServer, "fromServer");
        Objects.requireNonNull(enabledConnection, "enabledConnection");
        Objects.requireNonNull(schedule, "schedule");
    }
}
