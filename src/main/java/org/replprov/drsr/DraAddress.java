package org.replprov.drsr;

/**
 * The structure at {@code cbOtherDraOffset} that holds the partner DC's NetworkAddress (MS-DRSR §5.134):
 * {@link MtxAddr} in a version 1 value, {@link DsaRpcInst} in a version 2 value.
 */
public sealed interface DraAddress permits MtxAddr, DsaRpcInst {

    /** The NetworkAddress this structure carries; empty when it carries none. */
    String networkAddress();

    /** Bytes on the wire, which is what {@code cbOtherDra} counts. */
    int size();
}
