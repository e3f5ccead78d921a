package org.replprov.drsr;

import java.util.Objects;
import java.util.Optional;

/**
 * A version 2 value: the address is a {@link DsaRpcInst}. Written by Windows Server 2008 and later AD DS, and by
 * AD LDS from Windows Server 2003 R2 (MS-DRSR product notes &lt;49&gt;, &lt;50&gt;). The header always ends at 216.
 *
 * @param fixed           the fixed fields at offsets 4..207
 * @param dwReserved      offset 208, MUST be 0
 * @param cbPasDataOffset offset 212 (see {@link RepsFromToBlob#cbPasDataOffset()})
 * @param otherDra        the partner's address, absent when the value has none
 * @param opaque          bytes no field describes
 */
public record RepsFromToV2(RepsFixedFields fixed, int dwReserved, int cbPasDataOffset,
                           Optional<DsaRpcInst> otherDra, OpaqueBytes opaque) implements RepsFromToBlob {

    public RepsFromToV2 {
        Objects.requireNonNull(fixed, "fixed");
        Objects.requireNonNull(otherDra, "otherDra");
        Objects.requireNonNull(opaque, "opaque");
        opaque.checkAgainst(otherDra);
    }

    @Override
    public int dwVersion() {
        return 2;
    }

    @Override
    public int headerSize() {
        return WireOffsets.HEADER_SIZE;
    }
}
