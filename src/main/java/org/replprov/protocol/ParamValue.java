package org.replprov.protocol;

import java.util.Objects;
import org.replprov.cim.CimName;
import org.replprov.cim.CimValue;

/**
 * A named method parameter value (DSP0201 {@code PARAMVALUE}); {@code value} is null for CIM NULL.
 *
 * <p>Values read from the wire may be untyped text (wbemcli sends {@code <PARAMVALUE NAME="Mode"><VALUE>2</VALUE>})
 * until {@link MethodParameters#bind} types them from the method's declaration.
 */
public record ParamValue(CimName name, CimValue value) {

    public ParamValue {
        Objects.requireNonNull(name, "name");
    }
}
