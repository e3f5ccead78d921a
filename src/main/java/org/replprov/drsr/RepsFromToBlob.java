package org.replprov.drsr;

import java.util.Optional;

/**
 * One {@code REPS_FROM} (MS-DRSR §5.170) or {@code REPS_TO} (§5.171) value, exactly as stored: the two structures
 * share one layout, and the version decides how the partner's address is stored ({@link RepsFromToV1}: {@link MtxAddr},
 * {@link RepsFromToV2}: {@link DsaRpcInst}). Samba's IDL calls it {@code repsFromToBlob}.
 *
 * <p>The length and offset fields {@link #cb()}, {@link #cbOtherDraOffset()} and {@link #cbOtherDra()} are computed
 * from the content, never stored, so a value cannot disagree with itself.
 */
public sealed interface RepsFromToBlob permits RepsFromToV1, RepsFromToV2 {

    /** {@code dwVersion}: 1 or 2. */
    int dwVersion();

    /** The fixed fields at offsets 4..207. */
    RepsFixedFields fixed();

    /** {@code dwReserved} at offset 208 (0 in the Samba version 1 layout, which has no such field). */
    int dwReserved();

    /**
     * {@code cbPasDataOffset} at offset 212 (0 in the Samba version 1 layout). Unused in {@code REPS_TO}; in
     * {@code REPS_FROM} it locates {@code PAS_DATA}, which stays inside {@link OpaqueBytes#tail()}, so the value is
     * kept as read rather than computed.
     */
    int cbPasDataOffset();

    /** The structure at {@code cbOtherDraOffset}; absent when {@code cbOtherDraOffset} and {@code cbOtherDra} are 0. */
    Optional<? extends DraAddress> otherDra();

    /** Bytes no field describes, kept so the value re-encodes as read. */
    OpaqueBytes opaque();

    /** Where the fixed header ends: 208 in Samba's version 1 layout, 216 otherwise. */
    int headerSize();

    /** The partner's NetworkAddress (MS-DRSR §5.134), or {@code ""} when the value has none. */
    default String networkAddress() {
        return otherDra().map(DraAddress::networkAddress).orElse("");
    }

    /** {@code cbOtherDraOffset}: where the address starts, 0 without one. */
    default int cbOtherDraOffset() {
        return otherDra().isPresent() ? headerSize() + opaque().gap().length() : 0;
    }

    /** {@code cbOtherDra}: the address's size, 0 without one. */
    default int cbOtherDra() {
        return otherDra().map(DraAddress::size).orElse(0);
    }

    /** Where {@link OpaqueBytes#tail()} starts: after the address, or after the header when there is none. */
    default int tailOffset() {
        return otherDra().isPresent() ? cbOtherDraOffset() + cbOtherDra() : headerSize();
    }

    /** {@code cb}: the size of the value, header included. */
    default int cb() {
        return tailOffset() + opaque().tail().length();
    }

    /** Bytes the encoder writes: {@link #cb()} plus anything stored beyond it. */
    default int size() {
        return cb() + opaque().beyondCb().length();
    }

    /**
     * The value a writer in use stores: all reserved fields 0, nothing undescribed, and the network address as the
     * given layout writes it ({@link MtxAddr} for version 1, {@link DsaRpcInst#of} for version 2); an empty address
     * gives {@code cbOtherDraOffset = cbOtherDra = 0}.
     *
     * @throws IllegalArgumentException for a version other than 1 or 2, or an address the version cannot hold
     */
    static RepsFromToBlob of(int version, Layout layout, RepsFixedFields fixed, String networkAddress) {
        boolean none = networkAddress.isEmpty();
        return switch (version) {
            case 1 -> new RepsFromToV1(layout, fixed, 0, 0,
                    none ? Optional.empty() : Optional.of(new MtxAddr(networkAddress)), OpaqueBytes.NONE);
            case 2 -> new RepsFromToV2(fixed, 0, 0,
                    none ? Optional.empty() : Optional.of(DsaRpcInst.of(networkAddress, layout)), OpaqueBytes.NONE);
            default -> throw new IllegalArgumentException("version must be 1 or 2, not " + version);
        };
    }
}
