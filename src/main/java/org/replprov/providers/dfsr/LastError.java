package org.replprov.providers.dfsr;

import org.replprov.engine.spi.EngineError;

/**
 * DfsrConnectionInfo.LastErrorCode and LastErrorMessageId, derived from the engine's error on an inbound connection.
 * The message ID is the connection event the error amounts to (5002, 5008, 5012 or 5102). The code is the engine's
 * own when it has one: an HRESULT as it is, a Win32 error or WERROR as HRESULT_FROM_WIN32 (MS-ERREF §2.1.2), which is
 * how Windows shows a Win32 error where an HRESULT goes; an engine with only words shows DFSR_E_CANNOT_CONNECT, the one
 * error DfsrConnectionInfo documents ("could not connect to the partner"). A healthy connection shows 0 and 0.
 *
 * @param code LastErrorCode
 * @param messageId LastErrorMessageId
 */
public record LastError(long code, int messageId) {

    /**
     * DFSR_E_CANNOT_CONNECT has no public numeric value (the one documentation page that prints "(0)" collides with
     * Success). We define 0xA0DF0001: an HRESULT-shaped failure (severity bit) with the customer bit set, which
     * Microsoft never uses, so it cannot collide with a real Windows code; facility 0x0DF, code 1.
     */
    public static final long DFSR_E_CANNOT_CONNECT = 0xA0DF0001L;

    /** Success (0, 0). */
    public static final LastError NONE = new LastError(0, 0);

    /** The LastErrorCode and LastErrorMessageId of {@code error}. */
    public static LastError of(EngineError error) {
        long code = switch (error.space()) {
            case HRESULT -> error.code();
            // HRESULT_FROM_WIN32: 0 stays 0, other codes get FACILITY_WIN32 (7) and the severity bit.
            case WIN32, WERROR -> error.code() == 0 ? DFSR_E_CANNOT_CONNECT
                    : 0x8007_0000L | (error.code() & 0xFFFF);
            case TEXT -> DFSR_E_CANNOT_CONNECT;
        };
        return new LastError(code, error.event().eventId());
    }
}
