package org.replprov.providers.dfsr;

import org.replprov.engine.spi.ConnectionFailure;

/**
 * DfsrConnectionInfo.LastErrorCode and LastErrorMessageId. The only documented error is DFSR_E_CANNOT_CONNECT
 * ("could not connect to the partner", inbound connections only); its message ID is the event the failure was logged
 * as (5002, 5008, 5012 or 5102). A healthy connection shows 0 and 0 (Success).
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

    /** DFSR_E_CANNOT_CONNECT with the event ID of {@code failure}. */
    public static LastError cannotConnect(ConnectionFailure failure) {
        return new LastError(DFSR_E_CANNOT_CONNECT, failure.eventId());
    }
}
