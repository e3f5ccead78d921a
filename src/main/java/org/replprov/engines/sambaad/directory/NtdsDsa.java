package org.replprov.engines.sambaad.directory;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The DC's own {@code nTDSDSA} object ("NTDS Settings", MS-ADTS §6.1.1.2.2.1.2.1.1).
 *
 * @param dn           its DN (the rootDSE's {@code dsServiceName})
 * @param objectGuid   the DSA GUID: how partners name this DC in {@code repsFrom}/{@code repsTo}
 *                     ({@code uuidDsa}) and in its {@code _msdcs} DNS alias
 * @param invocationId the GUID naming this DC's database instance in up-to-dateness vectors
 * @param options      the DSA options (MS-ADTS §6.1.1.2.2.1.2.1.1: NTDSDSA_OPT_IS_GC 0x1,
 *                     NTDSDSA_OPT_DISABLE_INBOUND_REPL 0x2, NTDSDSA_OPT_DISABLE_OUTBOUND_REPL 0x4, ...); 0 when absent
 * @param masterNcs    the writable NCs: {@code msDS-hasMasterNCs}, or {@code hasMasterNCs} where only the older
 *                     attribute is present
 */
public record NtdsDsa(String dn, UUID objectGuid, UUID invocationId, int options, List<String> masterNcs) {

    public NtdsDsa {
        Objects.requireNonNull(dn, "dn");
        Objects.requireNonNull(objectGuid, "objectGuid");
        Objects.requireNonNull(invocationId, "invocationId");
        masterNcs = List.copyOf(masterNcs);
    }
}
