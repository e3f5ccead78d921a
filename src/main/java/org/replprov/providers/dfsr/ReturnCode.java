package org.replprov.providers.dfsr;

/**
 * The ReturnValue codes the DfsrConnectionInfo methods use: MONITOR_STATUS values (DFSR WMI documentation) and Win32 error
 * codes (MS-ERREF §2.2). The two spaces overlap (5 is both MONITOR_STATUS_GENERIC_ERROR and ERROR_ACCESS_DENIED) as
 * they do in DFSR itself; the table in docs/dfsr-provider.md says which method returns which.
 */
public enum ReturnCode {
    MONITOR_STATUS_SUCCESS(0),
    MONITOR_STATUS_IDRECORD_NOT_FOUND(2),
    MONITOR_STATUS_GENERIC_ERROR(5),
    /** The method is meaningful only for inbound connections (DfsrConnectionInfo method pages). */
    ERROR_NOT_SUPPORTED(50),
    /** A parameter value outside its documented range or form. */
    ERROR_INVALID_PARAMETER(87),
    /** The engine behind the connection is not running or is broken. */
    ERROR_SERVICE_NOT_ACTIVE(1062),
    /** The replicated folder is not one of the connection's. */
    ERROR_NOT_FOUND(1168),
    /** The engine did not answer in time. */
    ERROR_TIMEOUT(1460);

    private final int code;

    ReturnCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
