package org.replprov.drsr;

/**
 * A {@code REPS_TO} / {@code REPS_FROM} or {@code replUpToDateVector} value that cannot be decoded. It names the field at fault and the byte offset
 * of that field, for example {@code cbOtherDraOffset=0x0000FFF0 points past end of blob (len=0x00B4) at offset 0x24}.
 *
 * <p>The exception is checked so that each caller decides what a bad value means to it (skip and log one value, or
 * fail the whole instance); it is the only exception {@link RepsFromToCodec#decode(byte[])} and
 * {@link ReplUpToDateVectorCodec#decode(byte[])} throw.
 */
public final class MalformedBlobException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String field;
    private final int offset;

    /**
     * @param field   the wire field at fault, as the specification names it
     * @param offset  byte offset of that field from the start of the value
     * @param problem what is wrong, starting with the field name (the location is appended)
     */
    MalformedBlobException(String field, int offset, String problem) {
        super(problem + " at offset " + Hex.offset(offset));
        this.field = field;
        this.offset = offset;
    }

    /** The wire field at fault, for example {@code cbOtherDraOffset} or {@code MTX_ADDR.mtx_namelen}. */
    public String field() {
        return field;
    }

    /** Byte offset of the field from the start of the value. */
    public int offset() {
        return offset;
    }
}
