package org.replprov.drsr;

import java.util.Objects;
import java.util.Optional;

/**
 * Bytes inside or after a value that no field describes. Writers in use leave all three empty, but the format allows
 * them (the decoder follows {@code cbOtherDraOffset} and {@code cb} rather than assuming where things are), and
 * keeping them lets the encoder reproduce exactly what was read.
 *
 * @param gap      between the end of the header and {@code cbOtherDraOffset}; empty when there is no address
 * @param tail     after the address (or after the header, when there is no address) up to {@code cb}; a
 *                 {@code REPS_FROM} value keeps its {@code PAS_DATA} (MS-DRSR §5.149) here
 * @param beyondCb after {@code cb}, up to the end of the stored value
 */
public record OpaqueBytes(Bytes gap, Bytes tail, Bytes beyondCb) {

    /** Nothing undescribed: what every known writer produces. */
    public static final OpaqueBytes NONE = new OpaqueBytes(Bytes.EMPTY, Bytes.EMPTY, Bytes.EMPTY);

    public OpaqueBytes {
        Objects.requireNonNull(gap, "gap");
        Objects.requireNonNull(tail, "tail");
        Objects.requireNonNull(beyondCb, "beyondCb");
    }

    /** How many bytes no field describes. */
    public int length() {
        return gap.length() + tail.length() + beyondCb.length();
    }

    /** A gap only exists before an address; without one, the bytes after the header read back as {@link #tail}. */
    void checkAgainst(Optional<? extends DraAddress> otherDra) {
        if (otherDra.isEmpty() && !gap.isEmpty()) {
            throw new IllegalArgumentException("a value without a network address has no gap, only a tail");
        }
    }
}
