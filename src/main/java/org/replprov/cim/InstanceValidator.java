package org.replprov.cim;

import java.math.BigInteger;
import java.util.List;

/** The checks behind {@link CimInstance#validate()}; each names the qualifier it enforces (DSP0004 §5.6.3). */
final class InstanceValidator {

    private InstanceValidator() {
    }

    static void validate(CimInstance instance) {
        CimClass c = instance.cimClass();
        List<CimProperty> props = c.properties();
        for (int i = 0; i < props.size(); i++) {
            if (!instance.isPresent(i)) {
                continue;
            }
            CimProperty p = props.get(i);
            CimValue v = instance.value(i);
            if (v == null) {
                if (p.isKey()) {
                    throw fail(WbemStatus.WBEM_E_ILLEGAL_NULL, p, "key property " + p.name() + " is NULL");
                }
                if (p.qualifiers().isTrue("Required")) {
                    throw fail(WbemStatus.WBEM_E_ILLEGAL_NULL, p, "Required property " + p.name() + " is NULL");
                }
                continue;
            }
            if (!sameType(v.dataType(), p.dataType())) {
                throw fail(WbemStatus.WBEM_E_TYPE_MISMATCH, p,
                        p.name() + " is declared " + p.dataType() + " but holds a " + v.dataType());
            }
            if (v instanceof CimValue.Array a) {
                for (CimValue e : a.elements()) {
                    checkScalar(p, e);
                }
            } else {
                checkScalar(p, v);
            }
        }
    }

    private static boolean sameType(CimDataType actual, CimDataType declared) {
        return actual.type() == declared.type() && actual.array() == declared.array();
    }

    private static void checkScalar(CimProperty p, CimValue v) {
        CimQualifiers q = p.qualifiers();
        if (v instanceof CimValue.Str s) {
            int len = s.value().length();
            q.integer("MaxLen").filter(max -> len > max).ifPresent(max -> {
                throw fail(WbemStatus.WBEM_E_VALUE_OUT_OF_RANGE, p,
                        p.name() + " is " + len + " characters long; MaxLen is " + max);
            });
            q.integer("MinLen").filter(min -> len < min).ifPresent(min -> {
                throw fail(WbemStatus.WBEM_E_VALUE_OUT_OF_RANGE, p,
                        p.name() + " is " + len + " characters long; MinLen is " + min);
            });
        }
        if (v instanceof CimValue.Int n) {
            q.integer("MaxValue").filter(max -> n.bigValue().compareTo(BigInteger.valueOf(max)) > 0)
                    .ifPresent(max -> {
                        throw fail(WbemStatus.WBEM_E_VALUE_OUT_OF_RANGE, p, p.name() + " = " + n.text()
                                + " exceeds MaxValue " + max);
                    });
            q.integer("MinValue").filter(min -> n.bigValue().compareTo(BigInteger.valueOf(min)) < 0)
                    .ifPresent(min -> {
                        throw fail(WbemStatus.WBEM_E_VALUE_OUT_OF_RANGE, p, p.name() + " = " + n.text()
                                + " is below MinValue " + min);
                    });
        }
        List<String> valueMap = q.strings("ValueMap");
        if (valueMap.isEmpty() && v instanceof CimValue.Int && q.has("Values")) {
            valueMap = implicitValueMap(q.strings("Values").size());
        }
        if (!valueMap.isEmpty() && !ValueMap.permits(valueMap, v)) {
            throw fail(WbemStatus.WBEM_E_VALUE_OUT_OF_RANGE, p,
                    p.name() + " = " + v.text() + " is not in its ValueMap " + valueMap);
        }
    }

    /** DSP0004: Values without ValueMap number the values 0, 1, 2, … */
    private static List<String> implicitValueMap(int n) {
        return n == 0 ? List.of() : List.of("0.." + (n - 1));
    }

    private static CimException fail(WbemStatus status, CimProperty p, String what) {
        return new CimException(status, what, p.name());
    }
}
