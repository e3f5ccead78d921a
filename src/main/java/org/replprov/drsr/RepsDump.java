package org.replprov.drsr;

import static org.replprov.drsr.FieldLines.count;
import static org.replprov.drsr.FieldLines.quote;
import static org.replprov.drsr.WireOffsets.CB;
import static org.replprov.drsr.WireOffsets.CB_OTHER_DRA;
import static org.replprov.drsr.WireOffsets.CB_OTHER_DRA_OFFSET;
import static org.replprov.drsr.WireOffsets.CB_PAS_DATA_OFFSET;
import static org.replprov.drsr.WireOffsets.C_CONSECUTIVE_FAILURES;
import static org.replprov.drsr.WireOffsets.DW_RESERVED;
import static org.replprov.drsr.WireOffsets.DW_RESERVED0;
import static org.replprov.drsr.WireOffsets.DW_RESERVED1;
import static org.replprov.drsr.WireOffsets.DW_VERSION;
import static org.replprov.drsr.WireOffsets.RT_SCHEDULE;
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
 * The one text form of a {@code REPS_FROM} / {@code REPS_TO} value, printed by {@code replprov reps decode} and
 * compared by the test vectors: one line per field with its byte offset, the raw value and what it means.
 *
 * <pre>
 * 0x008  cb                                   267 (0x0000010B)
 * 0x010  timeLastSuccess                      0 = never
 * 0x02C  ulReplicaFlags                       0x0000001C = DRS_ADD_REF | DRS_DEL_REF | DRS_WRIT_REP
 * </pre>
 *
 * Strings are quoted with Java escapes, and everything outside printable ASCII is written as {@code \}{@code uXXXX},
 * so the dump of damaged data stays one readable line per field.
 */
public final class RepsDump {

    private static final String NO_OFFSET = FieldLines.NO_OFFSET;

    private final FieldLines out = new FieldLines();

    private RepsDump() {
    }

    /** The dump of {@code value}, lines ending in {@code \n}. */
    public static String dump(RepsFromToBlob value) {
        return new RepsDump().print(value).out.toString();
    }

    private RepsDump print(RepsFromToBlob value) {
        RepsFixedFields f = value.fixed();
        out.text(title(value));
        out.line(DW_VERSION, "dwVersion", Integer.toString(value.dwVersion()));
        out.line(DW_RESERVED0, "dwReserved0", Hex.dword(f.dwReserved0()));
        out.line(CB, "cb", count(value.cb()));
        out.line(C_CONSECUTIVE_FAILURES, "cConsecutiveFailures", Integer.toUnsignedString(f.cConsecutiveFailures()));
        out.line(TIME_LAST_SUCCESS, "timeLastSuccess", f.timeLastSuccess().toString());
        out.line(TIME_LAST_ATTEMPT, "timeLastAttempt", f.timeLastAttempt().toString());
        out.line(UL_RESULT_LAST_ATTEMPT, "ulResultLastAttempt",
                Integer.toUnsignedString(f.ulResultLastAttempt().code()) + " = " + f.ulResultLastAttempt());
        out.line(CB_OTHER_DRA_OFFSET, "cbOtherDraOffset", count(value.cbOtherDraOffset()));
        out.line(CB_OTHER_DRA, "cbOtherDra", count(value.cbOtherDra()));
        out.line(UL_REPLICA_FLAGS, "ulReplicaFlags", f.ulReplicaFlags().toString());
        out.line(RT_SCHEDULE, "rtSchedule", f.rtSchedule().toHex());
        out.line(DW_RESERVED1, "dwReserved1", Hex.dword(f.dwReserved1()));
        out.line(USN_VEC, "usnVec.usnHighObjUpdate", Long.toString(f.usnVec().usnHighObjUpdate()));
        out.line(USN_VEC + 8, "usnVec.usnReserved", Long.toString(f.usnVec().usnReserved()));
        out.line(USN_VEC + 16, "usnVec.usnHighPropUpdate", Long.toString(f.usnVec().usnHighPropUpdate()));
        out.line(UUID_DSA_OBJ, "uuidDsaObj", f.uuidDsaObj().toString());
        out.line(UUID_INVOC_ID, "uuidInvocId", f.uuidInvocId().toString());
        out.line(UUID_TRANSPORT_OBJ, "uuidTransportObj", f.uuidTransportObj().toString());
        if (value.headerSize() == WireOffsets.HEADER_SIZE) {
            out.line(DW_RESERVED, "dwReserved", Hex.dword(value.dwReserved()));
            out.line(CB_PAS_DATA_OFFSET, "cbPasDataOffset", count(value.cbPasDataOffset()));
        } else {
            out.line(NO_OFFSET, "dwReserved", "absent (Samba layout)");
            out.line(NO_OFFSET, "cbPasDataOffset", "absent (Samba layout)");
        }
        opaque(value.headerSize(), "(gap before address)", value.opaque().gap());
        if (value instanceof RepsFromToV1 v1) {
            v1.otherDra().ifPresent(a -> mtxAddr(value.cbOtherDraOffset(), a));
        } else if (value instanceof RepsFromToV2 v2) {
            v2.otherDra().ifPresent(a -> dsaRpcInst(value.cbOtherDraOffset(), a));
        }
        opaque(value.tailOffset(), "(tail before cb)", value.opaque().tail());
        opaque(value.cb(), "(beyond cb)", value.opaque().beyondCb());
        out.line(NO_OFFSET, "naDsa", quote(value.networkAddress()));
        return this;
    }

    private static String title(RepsFromToBlob value) {
        String kind = value instanceof RepsFromToV1 v1
                ? "version 1 (MTX_ADDR), " + (v1.layout() == Layout.SAMBA ? "Samba" : "Windows") + " layout"
                : "version 2 (DSA_RPC_INST)";
        return "REPS_FROM/REPS_TO " + kind + ", " + value.size() + " bytes";
    }

    private void mtxAddr(int base, MtxAddr address) {
        out.line(base, "MTX_ADDR.mtx_namelen", Integer.toString(address.mtxNamelen()));
        out.line(base + 4, "MTX_ADDR.mtx_name", quote(address.mtxName()));
    }

    private void dsaRpcInst(int base, DsaRpcInst address) {
        out.line(base, "DSA_RPC_INST.cb", count(address.cb()));
        out.line(base + 4, "DSA_RPC_INST.cbpszServerOffset", count(address.cbpszServerOffset()));
        out.line(base + 8, "DSA_RPC_INST.cbpszAnnotationOffset", count(address.cbpszAnnotationOffset()));
        out.line(base + 12, "DSA_RPC_INST.cbpszInstanceOffset", count(address.cbpszInstanceOffset()));
        out.line(base + 16, "DSA_RPC_INST.cbpguidInstanceOffset", count(address.cbpguidInstanceOffset()));
        opaque(base + DsaRpcInst.HEADER_SIZE, "DSA_RPC_INST padding", address.padding());
        string(base, address.cbpszServerOffset(), "DSA_RPC_INST.pszServer", address.pszServer());
        string(base, address.cbpszAnnotationOffset(), "DSA_RPC_INST.pszAnnotation", address.pszAnnotation());
        string(base, address.cbpszInstanceOffset(), "DSA_RPC_INST.pszInstance", address.pszInstance());
        address.pguidInstance().ifPresent(
                g -> out.line(base + address.cbpguidInstanceOffset(), "DSA_RPC_INST.pguidInstance", g.toString()));
        opaque(base + address.size() - address.trailer().length(), "DSA_RPC_INST trailer", address.trailer());
    }

    private void string(int base, int offset, String name, Optional<String> value) {
        value.ifPresent(s -> out.line(base + offset, name, quote(s)));
    }

    private void opaque(int offset, String name, Bytes bytes) {
        if (!bytes.isEmpty()) {
            out.line(offset, name, bytes.toString());
        }
    }
}
