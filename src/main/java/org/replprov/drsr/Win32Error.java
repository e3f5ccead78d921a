package org.replprov.drsr;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A Windows error code as stored in {@code ulResultLastAttempt} (MS-DRSR §5.171; Samba: {@code WERROR}). The type is
 * open: any 32-bit value is kept, and the common ones have names.
 *
 * <p>Names follow the Windows headers ({@code ERROR_…}, {@code RPC_S_…}, {@code EPT_S_…}); {@link #werrName()}
 * gives the name Samba prints for the same code ({@code samba-tool drs showrepl}, {@code ndrdump}). The Samba
 * cross-check test verifies both against Samba's own table for every named code.
 *
 * @param code the raw 32-bit value
 */
public record Win32Error(int code) {

    // Filled only while this class initialises, by named(); read-only afterwards.
    private static final Map<Integer, String> NAMES = new HashMap<>();

    public static final Win32Error ERROR_SUCCESS = named(0, "ERROR_SUCCESS");
    public static final Win32Error ERROR_FILE_NOT_FOUND = named(2, "ERROR_FILE_NOT_FOUND");
    public static final Win32Error ERROR_ACCESS_DENIED = named(5, "ERROR_ACCESS_DENIED");
    public static final Win32Error ERROR_NOT_ENOUGH_MEMORY = named(8, "ERROR_NOT_ENOUGH_MEMORY");
    public static final Win32Error ERROR_BAD_NETPATH = named(53, "ERROR_BAD_NETPATH");
    public static final Win32Error ERROR_NETNAME_DELETED = named(64, "ERROR_NETNAME_DELETED");
    public static final Win32Error ERROR_INVALID_PARAMETER = named(87, "ERROR_INVALID_PARAMETER");
    public static final Win32Error ERROR_SEM_TIMEOUT = named(121, "ERROR_SEM_TIMEOUT");
    public static final Win32Error ERROR_CONNECTION_REFUSED = named(1225, "ERROR_CONNECTION_REFUSED");
    public static final Win32Error ERROR_NETWORK_UNREACHABLE = named(1231, "ERROR_NETWORK_UNREACHABLE");
    public static final Win32Error ERROR_HOST_UNREACHABLE = named(1232, "ERROR_HOST_UNREACHABLE");
    public static final Win32Error ERROR_HOST_DOWN = named(1256, "ERROR_HOST_DOWN");
    public static final Win32Error ERROR_NO_LOGON_SERVERS = named(1311, "ERROR_NO_LOGON_SERVERS");
    public static final Win32Error ERROR_LOGON_FAILURE = named(1326, "ERROR_LOGON_FAILURE");
    public static final Win32Error ERROR_WRONG_TARGET_NAME = named(1396, "ERROR_WRONG_TARGET_NAME");
    public static final Win32Error ERROR_NOT_FOUND = named(1168, "ERROR_NOT_FOUND");
    public static final Win32Error ERROR_TIMEOUT = named(1460, "ERROR_TIMEOUT");
    public static final Win32Error RPC_S_SERVER_UNAVAILABLE = named(1722, "RPC_S_SERVER_UNAVAILABLE");
    public static final Win32Error RPC_S_CALL_FAILED = named(1726, "RPC_S_CALL_FAILED");
    public static final Win32Error RPC_S_CALL_FAILED_DNE = named(1727, "RPC_S_CALL_FAILED_DNE");
    public static final Win32Error EPT_S_NOT_REGISTERED = named(1753, "EPT_S_NOT_REGISTERED");
    public static final Win32Error RPC_S_CALL_CANCELLED = named(1818, "RPC_S_CALL_CANCELLED");
    public static final Win32Error ERROR_DOMAIN_CONTROLLER_NOT_FOUND =
            named(1908, "ERROR_DOMAIN_CONTROLLER_NOT_FOUND");
    public static final Win32Error ERROR_DS_DRA_SCHEMA_MISMATCH = named(8418, "ERROR_DS_DRA_SCHEMA_MISMATCH");
    public static final Win32Error ERROR_DS_DRA_GENERIC = named(8436, "ERROR_DS_DRA_GENERIC");
    public static final Win32Error ERROR_DS_DRA_INVALID_PARAMETER = named(8437, "ERROR_DS_DRA_INVALID_PARAMETER");
    public static final Win32Error ERROR_DS_DRA_BUSY = named(8438, "ERROR_DS_DRA_BUSY");
    public static final Win32Error ERROR_DS_DRA_BAD_DN = named(8439, "ERROR_DS_DRA_BAD_DN");
    public static final Win32Error ERROR_DS_DRA_BAD_NC = named(8440, "ERROR_DS_DRA_BAD_NC");
    public static final Win32Error ERROR_DS_DRA_DN_EXISTS = named(8441, "ERROR_DS_DRA_DN_EXISTS");
    public static final Win32Error ERROR_DS_DRA_INTERNAL_ERROR = named(8442, "ERROR_DS_DRA_INTERNAL_ERROR");
    public static final Win32Error ERROR_DS_DRA_CONNECTION_FAILED = named(8444, "ERROR_DS_DRA_CONNECTION_FAILED");
    public static final Win32Error ERROR_DS_DRA_OUT_OF_MEM = named(8446, "ERROR_DS_DRA_OUT_OF_MEM");
    public static final Win32Error ERROR_DS_DRA_REF_ALREADY_EXISTS = named(8448, "ERROR_DS_DRA_REF_ALREADY_EXISTS");
    public static final Win32Error ERROR_DS_DRA_REF_NOT_FOUND = named(8449, "ERROR_DS_DRA_REF_NOT_FOUND");
    public static final Win32Error ERROR_DS_DRA_DB_ERROR = named(8451, "ERROR_DS_DRA_DB_ERROR");
    public static final Win32Error ERROR_DS_DRA_NO_REPLICA = named(8452, "ERROR_DS_DRA_NO_REPLICA");
    public static final Win32Error ERROR_DS_DRA_ACCESS_DENIED = named(8453, "ERROR_DS_DRA_ACCESS_DENIED");
    public static final Win32Error ERROR_DS_DRA_RPC_CANCELLED = named(8455, "ERROR_DS_DRA_RPC_CANCELLED");
    public static final Win32Error ERROR_DS_DRA_SOURCE_DISABLED = named(8456, "ERROR_DS_DRA_SOURCE_DISABLED");
    public static final Win32Error ERROR_DS_DRA_SINK_DISABLED = named(8457, "ERROR_DS_DRA_SINK_DISABLED");
    public static final Win32Error ERROR_DS_DRA_SOURCE_REINSTALLED = named(8459, "ERROR_DS_DRA_SOURCE_REINSTALLED");
    public static final Win32Error ERROR_DS_DRA_PREEMPTED = named(8461, "ERROR_DS_DRA_PREEMPTED");
    public static final Win32Error ERROR_DS_DRA_ABANDON_SYNC = named(8462, "ERROR_DS_DRA_ABANDON_SYNC");
    public static final Win32Error ERROR_DS_DRA_SHUTDOWN = named(8463, "ERROR_DS_DRA_SHUTDOWN");
    public static final Win32Error ERROR_DS_DRA_INCOMPATIBLE_PARTIAL_SET =
            named(8464, "ERROR_DS_DRA_INCOMPATIBLE_PARTIAL_SET");
    public static final Win32Error ERROR_DS_DRA_REPL_PENDING = named(8477, "ERROR_DS_DRA_REPL_PENDING");
    public static final Win32Error ERROR_DS_DNS_LOOKUP_FAILURE = named(8524, "ERROR_DS_DNS_LOOKUP_FAILURE");
    public static final Win32Error ERROR_DS_DRA_OBJ_NC_MISMATCH = named(8545, "ERROR_DS_DRA_OBJ_NC_MISMATCH");
    public static final Win32Error ERROR_DS_INSUFFICIENT_ATTR_TO_CREATE_OBJECT =
            named(8606, "ERROR_DS_INSUFFICIENT_ATTR_TO_CREATE_OBJECT");
    public static final Win32Error ERROR_DS_REPL_LIFETIME_EXCEEDED = named(8614, "ERROR_DS_REPL_LIFETIME_EXCEEDED");
    public static final Win32Error ERROR_DS_DRA_OUT_SCHEDULE_WINDOW =
            named(8617, "ERROR_DS_DRA_OUT_SCHEDULE_WINDOW");

    private static Win32Error named(int code, String name) {
        NAMES.put(code, name);
        return new Win32Error(code);
    }

    /** True for 0, success. */
    public boolean isSuccess() {
        return code == 0;
    }

    /** The symbolic name, when this is one of the named codes. */
    public Optional<String> symbol() {
        return Optional.ofNullable(NAMES.get(code));
    }

    /**
     * The name Samba 4.17 gives a named code: {@code WERR_OK} for 0, otherwise {@code WERR_} followed by the Windows
     * name without its {@code ERROR_} prefix ({@code WERR_DS_DRA_ACCESS_DENIED}, {@code WERR_RPC_S_SERVER_UNAVAILABLE},
     * {@code WERR_HOST_DOWN}). Samba releases before 4.7 called code 2 {@code WERR_BADFILE}; 4.17 prints
     * {@code WERR_FILE_NOT_FOUND}. Empty for codes without a name here (Samba prints those as {@code DOS code 0x…}).
     */
    public Optional<String> werrName() {
        return symbol().map(s -> code == 0 ? "WERR_OK" : "WERR_" + s.replaceFirst("^ERROR_", ""));
    }

    /** {@code 0x000006BA (RPC_S_SERVER_UNAVAILABLE)}, or {@code 0x0000BEEF (unknown)}. */
    @Override
    public String toString() {
        return Hex.dword(code) + " (" + symbol().orElse("unknown") + ")";
    }
}
