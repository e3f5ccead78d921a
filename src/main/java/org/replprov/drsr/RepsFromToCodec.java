package org.replprov.drsr;

import static org.replprov.drsr.WireOffsets.CB;
import static org.replprov.drsr.WireOffsets.CB_OTHER_DRA;
import static org.replprov.drsr.WireOffsets.CB_OTHER_DRA_OFFSET;
import static org.replprov.drsr.WireOffsets.CB_PAS_DATA_OFFSET;
import static org.replprov.drsr.WireOffsets.C_CONSECUTIVE_FAILURES;
import static org.replprov.drsr.WireOffsets.DW_RESERVED;
import static org.replprov.drsr.WireOffsets.DW_RESERVED0;
import static org.replprov.drsr.WireOffsets.DW_RESERVED1;
import static org.replprov.drsr.WireOffsets.DW_VERSION;
import static org.replprov.drsr.WireOffsets.HEADER_SIZE;
import static org.replprov.drsr.WireOffsets.RT_SCHEDULE;
import static org.replprov.drsr.WireOffsets.SAMBA_V1_HEADER_SIZE;
import static org.replprov.drsr.WireOffsets.TIME_LAST_ATTEMPT;
import static org.replprov.drsr.WireOffsets.TIME_LAST_SUCCESS;
import static org.replprov.drsr.WireOffsets.UL_REPLICA_FLAGS;
import static org.replprov.drsr.WireOffsets.UL_RESULT_LAST_ATTEMPT;
import static org.replprov.drsr.WireOffsets.USN_VEC;
import static org.replprov.drsr.WireOffsets.UUID_DSA_OBJ;
import static org.replprov.drsr.WireOffsets.UUID_INVOC_ID;
import static org.replprov.drsr.WireOffsets.UUID_TRANSPORT_OBJ;

import java.util.Optional;

/**
 * Reads and writes {@code REPS_FROM} / {@code REPS_TO} values (MS-DRSR §5.170, §5.171).
 *
 * <p>Decoding distrusts the input: every length and offset is checked against the blob before it is used, the
 * address is found by following {@code cbOtherDraOffset} (never by assuming 208 or 216), and any problem is reported
 * as a {@link MalformedBlobException} naming the field and its offset. Bytes after {@code cb} are tolerated and kept.
 * The decoder accepts only what the records can describe exactly, so {@code encode(decode(x))} equals {@code x}
 * for every {@code x} it accepts.
 *
 * <p>Encoding computes {@code cb}, {@code cbOtherDraOffset}, {@code cbOtherDra} and the {@code DSA_RPC_INST} offsets
 * from the content.
 */
public final class RepsFromToCodec {

    private RepsFromToCodec() {
    }

    /**
     * Decodes one stored value.
     *
     * @throws MalformedBlobException if the bytes are not a version 1 or 2 value this codec can describe exactly
     */
    public static RepsFromToBlob decode(byte[] blob) throws MalformedBlobException {
        LeReader in = new LeReader(blob);
        int dwVersion = in.u32(DW_VERSION, "dwVersion");
        if (dwVersion != 1 && dwVersion != 2) {
            throw new MalformedBlobException("dwVersion", DW_VERSION,
                    "dwVersion=" + Hex.dword(dwVersion) + " is neither 1 nor 2");
        }
        Frame frame = Frame.read(in, dwVersion);
        RepsFixedFields fixed = readFixedFields(in);
        boolean windows = frame.layout() == Layout.WINDOWS;
        int dwReserved = windows ? in.u32(DW_RESERVED, "dwReserved") : 0;
        int cbPasDataOffset = windows ? in.u32(CB_PAS_DATA_OFFSET, "cbPasDataOffset") : 0;
        OpaqueBytes opaque = frame.opaqueBytes(in);
        if (dwVersion == 1) {
            Optional<MtxAddr> address = frame.hasAddress()
                    ? Optional.of(MtxAddr.read(in, frame.otherDraOffset(), frame.otherDraSize()))
                    : Optional.empty();
            return new RepsFromToV1(frame.layout(), fixed, dwReserved, cbPasDataOffset, address, opaque);
        }
        Optional<DsaRpcInst> address = frame.hasAddress()
                ? Optional.of(DsaRpcInst.read(in, frame.otherDraOffset(), frame.otherDraSize()))
                : Optional.empty();
        return new RepsFromToV2(fixed, dwReserved, cbPasDataOffset, address, opaque);
    }

    /** Encodes a value; the length and offset fields are computed, the rest is written as held. */
    public static byte[] encode(RepsFromToBlob value) {
        RepsFixedFields f = value.fixed();
        LeWriter out = new LeWriter()
                .u32(value.dwVersion())
                .u32(f.dwReserved0())
                .u32(value.cb())
                .u32(f.cConsecutiveFailures())
                .i64(f.timeLastSuccess().seconds())
                .i64(f.timeLastAttempt().seconds())
                .u32(f.ulResultLastAttempt().code())
                .u32(value.cbOtherDraOffset())
                .u32(value.cbOtherDra())
                .u32(f.ulReplicaFlags().raw())
                .bytes(f.rtSchedule().rgTimes())
                .u32(f.dwReserved1())
                .i64(f.usnVec().usnHighObjUpdate())
                .i64(f.usnVec().usnReserved())
                .i64(f.usnVec().usnHighPropUpdate())
                .guid(f.uuidDsaObj())
                .guid(f.uuidInvocId())
                .guid(f.uuidTransportObj());
        if (value.headerSize() == HEADER_SIZE) {
            out.u32(value.dwReserved()).u32(value.cbPasDataOffset());
        }
        out.bytes(value.opaque().gap());
        if (value instanceof RepsFromToV1 v1) {
            v1.otherDra().ifPresent(address -> address.write(out));
        } else if (value instanceof RepsFromToV2 v2) {
            v2.otherDra().ifPresent(address -> address.write(out));
        }
        return out.bytes(value.opaque().tail()).bytes(value.opaque().beyondCb()).toByteArray();
    }

    private static RepsFixedFields readFixedFields(LeReader in) throws MalformedBlobException {
        return new RepsFixedFields(
                in.u32(DW_RESERVED0, "dwReserved0"),
                in.u32(C_CONSECUTIVE_FAILURES, "cConsecutiveFailures"),
                new DsTime(in.i64(TIME_LAST_SUCCESS, "timeLastSuccess")),
                new DsTime(in.i64(TIME_LAST_ATTEMPT, "timeLastAttempt")),
                new Win32Error(in.u32(UL_RESULT_LAST_ATTEMPT, "ulResultLastAttempt")),
                new ReplicaFlags(in.u32(UL_REPLICA_FLAGS, "ulReplicaFlags")),
                new ReplTimes(Bytes.of(in.bytes(RT_SCHEDULE, ReplTimes.SIZE, "rtSchedule"))),
                in.u32(DW_RESERVED1, "dwReserved1"),
                new UsnVector(
                        in.i64(USN_VEC, "usnVec.usnHighObjUpdate"),
                        in.i64(USN_VEC + 8, "usnVec.usnReserved"),
                        in.i64(USN_VEC + 16, "usnVec.usnHighPropUpdate")),
                in.guid(UUID_DSA_OBJ, "uuidDsaObj"),
                in.guid(UUID_INVOC_ID, "uuidInvocId"),
                in.guid(UUID_TRANSPORT_OBJ, "uuidTransportObj"));
    }

    /**
     * Where the parts of a value lie, from {@code cb}, {@code cbOtherDraOffset} and {@code cbOtherDra}. These are
     * checked before any other field is read, so a short or damaged value is reported by the field that claims more
     * than there is rather than by whichever field happens to be cut off. Once read, every part lies inside the blob.
     */
    private record Frame(Layout layout, int headerSize, int cb, int otherDraOffset, int otherDraSize) {

        static Frame read(LeReader in, int dwVersion) throws MalformedBlobException {
            long cb = Integer.toUnsignedLong(in.u32(CB, "cb"));
            long offset = Integer.toUnsignedLong(in.u32(CB_OTHER_DRA_OFFSET, "cbOtherDraOffset"));
            long size = Integer.toUnsignedLong(in.u32(CB_OTHER_DRA, "cbOtherDra"));
            boolean hasAddress = offset != 0 || size != 0;
            if (hasAddress) {
                checkAddress(dwVersion, offset, size, in.length());
            }
            if (cb > in.length()) {
                throw new MalformedBlobException("cb", CB, "cb=" + Hex.dword((int) cb)
                        + " runs past end of blob (len=" + Hex.length(in.length()) + ")");
            }
            // Version 1 data that starts before 216 means Samba's header, which lacks dwReserved and cbPasDataOffset.
            long dataStart = hasAddress ? offset : cb;
            Layout layout = dwVersion == 1 && dataStart < HEADER_SIZE ? Layout.SAMBA : Layout.WINDOWS;
            int headerSize = layout == Layout.SAMBA ? SAMBA_V1_HEADER_SIZE : HEADER_SIZE;
            if (cb < headerSize) {
                throw new MalformedBlobException("cb", CB, "cb=" + Hex.dword((int) cb)
                        + " is smaller than the header (" + Hex.offset(headerSize) + ")");
            }
            if (offset + size > cb) {
                throw new MalformedBlobException("cb", CB, "cb=" + Hex.dword((int) cb)
                        + " ends inside the network address (which ends at " + Hex.offset((int) (offset + size)) + ")");
            }
            return new Frame(layout, headerSize, (int) cb, (int) offset, (int) size);
        }

        /**
         * {@code cbOtherDraOffset} and {@code cbOtherDra} must both be set, start after the fixed fields (after the
         * full 216-byte header for version 2, which always has {@code dwReserved} and {@code cbPasDataOffset}) and
         * stay inside the blob.
         */
        private static void checkAddress(int dwVersion, long offset, long size, int length)
                throws MalformedBlobException {
            if (offset == 0) {
                throw new MalformedBlobException("cbOtherDra", CB_OTHER_DRA,
                        "cbOtherDra=" + Hex.dword((int) size) + " is set but cbOtherDraOffset is 0");
            }
            if (size == 0) {
                throw new MalformedBlobException("cbOtherDraOffset", CB_OTHER_DRA_OFFSET,
                        "cbOtherDraOffset=" + Hex.dword((int) offset) + " is set but cbOtherDra is 0");
            }
            int minimum = dwVersion == 1 ? SAMBA_V1_HEADER_SIZE : HEADER_SIZE;
            if (offset < minimum) {
                throw new MalformedBlobException("cbOtherDraOffset", CB_OTHER_DRA_OFFSET, "cbOtherDraOffset="
                        + Hex.dword((int) offset) + " points into the header (which ends at " + Hex.offset(minimum)
                        + ")");
            }
            if (offset >= length) {
                throw new MalformedBlobException("cbOtherDraOffset", CB_OTHER_DRA_OFFSET, "cbOtherDraOffset="
                        + Hex.dword((int) offset) + " points past end of blob (len=" + Hex.length(length) + ")");
            }
            if (offset + size > length) {
                throw new MalformedBlobException("cbOtherDra", CB_OTHER_DRA, "cbOtherDra=" + Hex.dword((int) size)
                        + " runs past end of blob (len=" + Hex.length(length) + "; the address starts at "
                        + Hex.offset((int) offset) + ")");
            }
        }

        boolean hasAddress() {
            return otherDraOffset != 0;
        }

        /** The gap before the address, the tail up to cb and the bytes after cb. */
        OpaqueBytes opaqueBytes(LeReader in) throws MalformedBlobException {
            int tailStart = hasAddress() ? otherDraOffset + otherDraSize : headerSize;
            Bytes gap = hasAddress()
                    ? Bytes.of(in.bytes(headerSize, otherDraOffset - headerSize, "gap")) : Bytes.EMPTY;
            return new OpaqueBytes(gap, Bytes.of(in.bytes(tailStart, cb - tailStart, "tail")),
                    Bytes.of(in.bytes(cb, in.length() - cb, "bytes after cb")));
        }
    }
}
