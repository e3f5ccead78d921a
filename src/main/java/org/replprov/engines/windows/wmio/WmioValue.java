package org.replprov.engines.windows.wmio;

import java.util.List;
import org.replprov.cim.CimValue;

/**
 * A non-null value in an MS-WMIO object (an EncodedValue, §2.2.71): either a DSP0004 value, or embedded CIM objects
 * (CIM-TYPE-OBJECT), which DSP0004 values cannot hold. CIM NULL is Java {@code null} wherever a value may be absent.
 */
public sealed interface WmioValue permits WmioValue.Data, WmioValue.Objects {

    /** True when this value can be encoded as {@code type}. */
    boolean fits(WireType type);

    static Data of(CimValue value) {
        return new Data(value);
    }

    /** A number, boolean, character, string, datetime, reference, or an array of one of them. */
    record Data(CimValue value) implements WmioValue {
        public Data {
            java.util.Objects.requireNonNull(value, "value");
        }

        @Override
        public boolean fits(WireType type) {
            return type.base().cimType().map(t -> t == value.dataType().type()).orElse(false)
                    && type.array() == value.dataType().array();
        }
    }

    /** One embedded object, or an array of them (CIM-TYPE-OBJECT, CIM-ARRAY-OBJECT). */
    record Objects(boolean array, List<ObjectBlock> objects) implements WmioValue {
        public Objects {
            objects = List.copyOf(objects);
            if (!array && objects.size() != 1) {
                throw new IllegalArgumentException("a scalar object value holds exactly one object");
            }
        }

        @Override
        public boolean fits(WireType type) {
            return type.base() == WireType.Base.OBJECT && type.array() == array;
        }
    }
}
