package org.replprov.drsr;

import java.util.Objects;
import java.util.Optional;

/**
 * A version 1 value: the address is an {@link MtxAddr}. Written by Windows 2000/2003 and by every Samba version.
 *
 * <p>Two layouts exist ({@link Layout}). The decoder tells them apart by where the data starts: at 216 or later the
 * value has the MS-DRSR {@code dwReserved} and {@code cbPasDataOffset} fields; before 216 it is Samba's 208-byte
 * header.
 *
 * @param layout          {@link Layout#SAMBA}: header ends at 208; {@link Layout#WINDOWS}: at 216
 * @param fixed           the fixed fields at offsets 4..207
 * @param dwReserved      offset 208 in the Windows layout; 0 in the Samba layout
 * @param cbPasDataOffset offset 212 in the Windows layout; 0 in the Samba layout
 * @param otherDra        the partner's address, absent when the value has none
 * @param opaque          bytes no field describes
 */
public record RepsFromToV1(Layout layout, RepsFixedFields fixed, int dwReserved, int cbPasDataOffset,
                           Optional<MtxAddr> otherDra, OpaqueBytes opaque) implements RepsFromToBlob {

    public RepsFromToV1 {
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(fixed, "fixed");
        Objects.requireNonNull(otherDra, "otherDra");
        Objects.requireNonNull(opaque, "opaque");
        opaque.checkAgainst(otherDra);
        if (layout == Layout.SAMBA) {
            if (dwReserved != 0 || cbPasDataOffset != 0) {
                throw new IllegalArgumentException("the Samba version 1 layout has no dwReserved or cbPasDataOffset");
            }
            // Data starting at 216 or later reads back as the Windows layout; refuse what would not round-trip.
            Bytes beforeData = otherDra.isPresent() ? opaque.gap() : opaque.tail();
            if (WireOffsets.SAMBA_V1_HEADER_SIZE + beforeData.length() >= WireOffsets.HEADER_SIZE) {
                throw new IllegalArgumentException("in the Samba version 1 layout the data starts before offset 216");
            }
        }
    }

    @Override
    public int dwVersion() {
        return 1;
    }

    @Override
    public int headerSize() {
        return layout == Layout.SAMBA ? WireOffsets.SAMBA_V1_HEADER_SIZE : WireOffsets.HEADER_SIZE;
    }
}
