package org.replprov.operation;

import java.util.Objects;
import org.replprov.cim.CimException;
import org.replprov.cim.CimStatus;
import org.replprov.cim.WbemStatus;

/**
 * A failure of a DSP0200 pull operation whose status WMI has no code for: the enumeration context is unknown, expired
 * or someone else's (CIM_ERR_INVALID_ENUMERATION_CONTEXT), the OperationTimeout is not one the server allows
 * (CIM_ERR_INVALID_OPERATION_TIMEOUT), or a feature the server does not offer was asked for
 * (CIM_ERR_FILTERED_ENUMERATION_NOT_SUPPORTED, CIM_ERR_CONTINUATION_ON_ERROR_NOT_SUPPORTED).
 *
 * <p>WMI has no pull operations, so these carry the nearest WMI status (WBEM_E_INVALID_PARAMETER for a bad value,
 * WBEM_E_NOT_SUPPORTED for a missing feature) and report the exact DSP0200 status to CIM-XML clients.
 */
public final class EnumerationException extends CimException {

    private final CimStatus cimStatus;

    public EnumerationException(CimStatus cimStatus, String description) {
        super(nearestWmiStatus(cimStatus), description);
        this.cimStatus = Objects.requireNonNull(cimStatus, "cimStatus");
    }

    private static WbemStatus nearestWmiStatus(CimStatus s) {
        return switch (s) {
            case CIM_ERR_INVALID_ENUMERATION_CONTEXT, CIM_ERR_INVALID_OPERATION_TIMEOUT ->
                    WbemStatus.WBEM_E_INVALID_PARAMETER;
            case CIM_ERR_FILTERED_ENUMERATION_NOT_SUPPORTED, CIM_ERR_CONTINUATION_ON_ERROR_NOT_SUPPORTED ->
                    WbemStatus.WBEM_E_NOT_SUPPORTED;
            default -> throw new IllegalArgumentException(s + " has a WMI status: use CimException");
        };
    }

    @Override
    public CimStatus cimStatus() {
        return cimStatus;
    }
}
