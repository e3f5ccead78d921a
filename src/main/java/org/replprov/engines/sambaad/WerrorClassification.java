package org.replprov.engines.sambaad;

import org.replprov.drsr.Win32Error;
import org.replprov.engine.spi.ConnectionFailure;
import org.replprov.engine.spi.EngineError;

/**
 * Which DFS Replication connection event (LastErrorMessageId) a DRS result amounts to. The table is in
 * docs/engines.md ("samba-ad", "Errors"); the raw WERROR stays in the {@link EngineError}, with its Samba name.
 *
 * <pre>
 * 5008 SERVICE_UNREACHABLE   the partner cannot be reached or its DRS service does not answer:
 *                            ERROR_BAD_NETPATH 53, ERROR_NETNAME_DELETED 64, ERROR_SEM_TIMEOUT 121, ERROR_CONNECTION_REFUSED 1225,
 *                            ERROR_NETWORK_UNREACHABLE 1231, ERROR_HOST_UNREACHABLE 1232, ERROR_HOST_DOWN 1256,
 *                            ERROR_TIMEOUT 1460, RPC_S_SERVER_UNAVAILABLE 1722, RPC_S_CALL_FAILED 1726,
 *                            RPC_S_CALL_FAILED_DNE 1727, EPT_S_NOT_REGISTERED 1753, RPC_S_CALL_CANCELLED 1818,
 *                            ERROR_DS_DRA_CONNECTION_FAILED 8444, ERROR_DS_DRA_RPC_CANCELLED 8455,
 *                            ERROR_DS_DRA_SHUTDOWN 8463, ERROR_DS_DNS_LOOKUP_FAILURE 8524,
 *                            ERROR_FILE_NOT_FOUND 2 (Samba's answer when the partner's _msdcs name does not resolve)
 * 5012 UNRECOGNIZED          the partner does not know this DC, this NC or the replica:
 *                            ERROR_DS_DRA_BAD_DN 8439, ERROR_DS_DRA_BAD_NC 8440, ERROR_DS_DRA_NO_REPLICA 8452,
 *                            ERROR_DS_DRA_SOURCE_REINSTALLED 8459, ERROR_DS_DRA_OBJ_NC_MISMATCH 8545,
 *                            ERROR_DS_REPL_LIFETIME_EXCEEDED 8614, ERROR_ACCESS_DENIED 5,
 *                            ERROR_DS_DRA_ACCESS_DENIED 8453, ERROR_LOGON_FAILURE 1326, ERROR_WRONG_TARGET_NAME 1396
 * 5102 INCOMPATIBLE_VERSION  the two DCs disagree on what they replicate: ERROR_DS_DRA_SCHEMA_MISMATCH 8418,
 *                            ERROR_DS_DRA_INCOMPATIBLE_PARTIAL_SET 8464
 * 5002 CONNECTION_ERROR      every other code (ERROR_DS_DRA_SOURCE_DISABLED 8456, ERROR_DS_DRA_SINK_DISABLED 8457,
 *                            ERROR_DS_DRA_BUSY 8438, ERROR_DS_DRA_PREEMPTED 8461, ...): the partner was reached and
 *                            the session failed
 * </pre>
 */
public final class WerrorClassification {

    private WerrorClassification() {
    }

    /** The event for {@code result}, which must not be success. */
    public static ConnectionFailure event(Win32Error result) {
        return switch (result.code()) {
            case 2, 53, 64, 121, 1225, 1231, 1232, 1256, 1460, 1722, 1726, 1727, 1753, 1818, 8444, 8455, 8463, 8524 ->
                    ConnectionFailure.SERVICE_UNREACHABLE;
            case 5, 1326, 1396, 8439, 8440, 8452, 8453, 8459, 8545, 8614 -> ConnectionFailure.UNRECOGNIZED;
            case 8418, 8464 -> ConnectionFailure.INCOMPATIBLE_VERSION;
            default -> ConnectionFailure.CONNECTION_ERROR;
        };
    }

    /** The engine error for a failed DRS result: its event, the WERROR and Samba's name for it. */
    public static EngineError error(Win32Error result, String what) {
        String name = result.werrName().orElse("DOS code " + String.format("0x%08x", result.code()));
        return new EngineError(event(result), EngineError.CodeSpace.WERROR, Integer.toUnsignedLong(result.code()),
                what + ": " + name);
    }
}
