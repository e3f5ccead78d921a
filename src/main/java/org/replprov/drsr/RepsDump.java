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
import static org.replprov.drsr.WireOffsets.RT_SCHEDULE;
import static org.replprov.drsr.WireOffsets.TIME_LAST_ATTEMPT;
import static org.replprov.drsr.WireOffsets.TIME_LAST_SUCCESS;
import static org.replprov.drsr.WireOffsets.UL_REPLICA_FLAGS;
import static org.replprov.drsr.WireOffsets.UL_RESULT_LAST_ATTEMPT;
import static org.replprov.drsr.WireOffsets.USN_VEC;
import static org.replprov.drsr.WireOffsets.UUID_DSA_OBJ;
import static org.replprov.drsr.WireOffsets.UUID_INVOC_ID;
import static org.replprov.drsr.WireOffsets.UUID_TRANSPORT_OBJ;

import java.util.Locale;
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

    private static final String NO_OFFSET = "-";

    private final StringBuilder out = new StringBuilder();

    private RepsDump() {
    }

    /** The dump of {@code value}, lines ending in {@code \n}. */
    public static String dump(RepsFromToBlob value) {
        return new RepsDump().print(value).out.toString();
    }

    private RepsDump print(RepsFromToBlob value) {
        RepsFixedFields f = value.fixed();
        out.append(title(value)).append('\n');
        line(DW_VERSION, "dwVersion", Integer.toString(value.dwVersion()));
        line(DW_RESERVED0, "dwReserved0", Hex.dword(f.dwReserved0()));
        line(CB, "cb", count(value.cb()));
        line(C_CONSECUTIVE_FAILURES, "cConsecutiveFailures", Integer.toUnsignedString(f.cConsecutiveFailures()));
        line(TIME_LAST_SUCCESS, "timeLastSuccess", f.timeLastSuccess().toString());
        line(TIME_LAST_ATTEMPT, "timeLastAttempt", f.timeLastAttempt().toString());
        line(UL_RESULT_LAST_ATTEMPT, "ulResultLastAttempt",
                Integer.toUnsignedString(f.ulResultLastAttempt().code()) + " = " + f.ulResultLastAttempt());
        line(CB_OTHER_DRA_OFFSET, "cbOtherDraOffset", count(value.cbOtherDraOffset()));
        line(CB_OTHER_DRA, "cbOtherDra", count(value.cbOtherDra()));
        line(UL_REPLICA_FLAGS, "ulReplicaFlags", f.ulReplicaFlags().toString());
        line(RT_SCHEDULE, "rtSchedule", f.rtSchedule().toHex());
        line(DW_RESERVED1, "dwReserved1", Hex.dword(f.dwReserved1()));
        line(USN_VEC, "usnVec.usnHighObjUpdate", Long.toString(f.usnVec().usnHighObjUpdate()));
        line(USN_VEC + 8, "usnVec.usnReserved", Long.toString(f.usnVec().usnReserved()));
        line(USN_VEC + 16, "usnVec.usnHighPropUpdate", Long.toString(f.usnVec().usnHighPropUpdate()));
        line(UUID_DSA_OBJ, "uuidDsaObj", f.uuidDsaObj().toString());
        line(UUID_INVOC_ID, "uuidInvocId", f.uuidInvocId().toString());
        line(UUID_TRANSPORT_OBJ, "uuidTransportObj", f.uuidTransportObj().toString());
        if (value.headerSize() == WireOffsets.HEADER_SIZE) {
            line(DW_RESERVED, "dwReserved", Hex.dword(value.dwReserved()));
            line(CB_PAS_DATA_OFFSET, "cbPasDataOffset", count(value.cbPasDataOffset()));
        } else {
            line(NO_OFFSET, "dwReserved", "absent (Samba layout)");
            line(NO_OFFSET, "cbPasDataOffset", "absent (Samba layout)");
        }
        opaque(value.headerSize(), "(gap before address)", value.opaque().gap());
        if (value instanceof RepsFromToV1 v1) {
            v1.otherDra().ifPresent(a -> mtxAddr(value.cbOtherDraOffset(), a));
        } else if (value instanceof RepsFromToV2 v2) {
            v2.otherDra().ifPresent(a -> dsaRpcInst(value.cbOtherDraOffset(), a));
        }
        opaque(value.tailOffset(), "(tail before cb)", value.opaque().tail());
        opaque(value.cb(), "(beyond cb)", value.opaque().beyondCb());
        line(NO_OFFSET, "naDsa", quote(value.networkAddress()));
        return this;
    }

    private static String title(RepsFromToBlob value) {
        String kind = value instanceof RepsFromToV1 v1
                ? "version 1 (MTX_ADDR), " + (v1.layout() == Layout.SAMBA ? "Samba" : "Windows") + " layout"
                : "version 2 (DSA_RPC_INST)";
        return "REPS_FROM/REPS_TO " + kind + ", " + value.size() + " bytes";
    }

    private void mtxAddr(int base, MtxAddr address) {
        line(base, "MTX_ADDR.mtx_namelen", Integer.toString(address.mtxNamelen()));
        line(base + 4, "MTX_ADDR.mtx_name", quote(address.mtxName()));
    }

    private void dsaRpcInst(int base, DsaRpcInst address) {
        line(base, "DSA_RPC_INST.cb", count(address.cb()));
        line(base + 4, "DSA_RPC_INST.cbpszServerOffset", count(address.cbpszServerOffset()));
        line(base + 8, "DSA_RPC_INST.cbpszAnnotationOffset", count(address.cbpszAnnotationOffset()));
        line(base + 12, "DSA_RPC_INST.cbpszInstanceOffset", count(address.cbpszInstanceOffset()));
        line(base + 16, "DSA_RPC_INST.cbpguidInstanceOffset", count(address.cbpguidInstanceOffset()));
        opaque(base + DsaRpcInst.HEADER_SIZE, "DSA_RPC_INST padding", address.padding());
        string(base, address.cbpszServerOffset(), "DSA_RPC_INST.pszServer", address.pszServer());
        string(base, address.cbpszAnnotationOffset(), "DSA_RPC_INST.pszAnnotation", address.pszAnnotation());
        string(base, address.cbpszInstanceOffset(), "DSA_RPC_INST.pszInstance", address.pszInstance());
        address.pguidInstance().ifPresent(
                g -> line(base + address.cbpguidInstanceOffset(), "DSA_RPC_INST.pguidInstance", g.toString()));
        opaque(base + address.size() - address.trailer().length(), "DSA_RPC_INST trailer", address.trailer());
    }

    private void string(int base, int offset, String name, Optional<String> value) {
        value.ifPresent(s -> line(base + offset, name, quote(s)));
    }

    private void opaque(int offset, String name, Bytes bytes) {
        if (!bytes.isEmpty()) {
            line(offset, name, bytes.toString());
        }
    }

    private void line(int offset, String name, String value) {
        String hex = Integer.toHexString(offset).toUpperCase(Locale.ROOT);
        line("0x" + "0".repeat(Math.max(0, 3 - hex.length())) + hex, name, value);
    }

    /** One line: offset column 6 wide, field name column 36 wide, then the value. */
    private void line(String offset, String name, String value) {
        pad(offset, 7);
        pad(name, 37);
        out.append(value).append('\n');
    }

    private void pad(String column, int width) {
        out.append(column).append(" ".repeat(Math.max(1, width - column.length())));
    }

    /** A length or offset: decimal, then the raw DWORD. */
    private static String count(int value) {
        return Integer.toUnsignedString(value) + " (" + Hex.dword(value) + ")";
    }

    private static String quote(String s) {
        StringBuilder q = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                q.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7E) {
                q.append(String.format("\\u%04x", (int) c));
            } else {
                q.append(c);
            }
        }
        return q.append('"').toString();
    }
}
