package org.replprov.engines.windows.wsman;

import java.util.Map;
import java.util.Optional;
import org.replprov.cim.CimName;
import org.replprov.cim.CimValue;

/**
 * What a method invocation answered ({@code <p:Method_OUTPUT>}, DSP0227 §11): the return value and the out
 * parameters, typed by the method's declaration.
 *
 * @param returnValue the method's return value, unchanged; null when the server sent none
 * @param outputs the out parameters by name
 */
public record MethodResult(CimValue returnValue, Map<CimName, CimValue> outputs) {

    public MethodResult {
        outputs = Map.copyOf(outputs);
    }

    /** The out parameter {@code name}; empty when NULL or not sent. */
    public Optional<CimValue> output(String name) {
        return Optional.ofNullable(outputs.get(CimName.of(name)));
    }

    /** The return value as an unsigned 32-bit number (DFSR's methods return uint32); empty when none was sent. */
    public Optional<Long> returnCode() {
        return returnValue instanceof CimValue.Int i ? Optional.of(i.value()) : Optional.empty();
    }
}
