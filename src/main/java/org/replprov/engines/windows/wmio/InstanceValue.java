package org.replprov.engines.windows.wmio;

import java.util.List;

/**
 * The value of one property in an instance: its NdTable bits (MS-WMIO §2.2.27) as read, the value (the class default
 * when {@code fromDefault}), and the instance-level qualifiers of the property (InstancePropQualifierSet, §2.2.65).
 *
 * @param value        the value, {@code null} for CIM NULL (NdTable bit 0)
 * @param fromDefault  NdTable bit 1: the instance does not set the property and takes the class default
 * @param qualifiers   qualifiers written on this property of this instance (usually none)
 */
public record InstanceValue(WmioValue value, boolean fromDefault, List<Qualifier> qualifiers) {

    public InstanceValue {
        qualifiers = List.copyOf(qualifiers);
    }

    /** A value the instance sets itself ({@code null} for NULL). */
    public static InstanceValue of(WmioValue value) {
        return new InstanceValue(value, false, List.of());
    }
}
