package org.replprov.protocol;

import java.util.List;
import org.replprov.cim.CimValue;

/**
 * What an extrinsic method returned: its {@code ReturnValue} (null when the method returned NULL) and its output
 * parameters in declaration order.
 *
 * <p>DFSR methods report MONITOR_STATUS and Win32 codes in the return value, not as CIM errors.
 */
public record MethodResult(CimValue returnValue, List<ParamValue> outParameters) {

    public MethodResult {
        outParameters = List.copyOf(outParameters);
    }
}
