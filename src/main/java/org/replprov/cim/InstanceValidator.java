package org.replprov.cim;

import java.math.BigInteger;
import java.util.List;

/**
 * The checks behind {@link CimInstance#validate()}; each names the qualifier it enforces (DSP0004 §5.6.3),
 * EmbeddedInstance and EmbeddedObject through {@link Embedding}.
 *
 * <p>Object managers validate every instance a provider produces, so the qualifiers are read once per class into
 * {@link Rules} (kept by the class) rather than looked up for every value.
 */
final class InstanceValidator {

    private InstanceValidator() {
    }

    /** What the qualifiers of one property require of its values. */
    private record PropertyRules(CimProperty property, boolean key, boolean required, Long maxLen, Long minLen,
                                 BigInteger maxValue, BigInteger minValue, ValueMap valueMap,
                                 Embedding embedding) {

        static PropertyRules of(CimProperty p) {
            CimQualifiers q = p.qualifiers();
            List<String> valueMap = q.strings("ValueMap");
            if (valueMap.isEmpty() && p.dataType().type().isInteger() && q.has("Values")) {
                valueMap = implicitValueMap(q.strings("Values").size());
            }
            return new PropertyRules(p, p.isKey(), q.isTrue("Required"), q.integer("MaxLen").orElse(null),
                    q.integer("MinLen").orElse(null), q.integer("MaxValue").map(BigInteger::valueOf).orElse(null),
                    q.integer("MinValue").map(BigInteger::valueOf).orElse(null), ValueMap.of(valueMap),
                    Embedding.of(q));
        }
    }

    /** The rules of every property of a class, by property index. */
    static final class Rules {
        private final PropertyRules[] properties;

        private Rules(PropertyRules[] properties) {
            this.properties = properties;
        }
    }

    static Rules rulesOf(CimClass c) {
        List<CimProperty> props = c.properties();
        PropertyRules[] rules = new PropertyRules[props.size()];
        for (int i = 0; i < rules.length; i++) {
            rules[i] = PropertyRules.of(props.get(i));
        }
        return new Rules(rules);
    }

    static void validate(CimInstance instance) {
        PropertyRules[] rules = instance.cimClass().validationRules().properties;
        for (int i = 0; i < rules.length; i++) {
            if (!instance.isPresent(i)) {
                continue;
            }
            PropertyRules r = rules[i];
            CimProperty p = r.property();
            CimValue v = instance.value(i);
            if (v == null) {
                if (r.key()) {
                    throw fail(WbemStatus.WBEM_E_ILLEGAL_NULL, p, "key property " + p.name() + " is NULL");
                }
                if (r.required()) {
                    throw fail(WbemStatus.WBEM_E_ILLEGAL_NULL, p, "Required property " + p.name() + " is NULL");
                }
                continue;
            }
            if (!sameType(v.dataType(), p.dataType())) {
                throw fail(WbemStatus.WBEM_E_TYPE_MISMATCH, p,
                        p.name() + " is declared " + p.dataType() + " but holds a " + v.dataType());
            }
            // EmbeddedInstance/EmbeddedObject: string-typed, but holding instances (DSP0004 §5.6.3).
            r.embedding().check(v, p.name());
            if (v instanceof CimValue.Array a) {
                for (CimValue e : a.elements()) {
                    checkScalar(r, e);
                }
            } else {
                checkScalar(r, v);
            }
        }
    }

    private static boolean sameType(CimDataType actual, CimDataType declared) {
        return actual.type() == declared.type() && actual.array() == declared.array();
    }

    private static void checkScalar(PropertyRules r, CimValue v) {
        CimProperty p = r.property();
        if (v instanceof CimValue.Str s) {
            int len = s.value().length();
            if (r.maxLen() != null && len > r.maxLen()) {
                throw fail(WbemStatus.WBEM_E_VALUE_OUT_OF_RANGE, p,
                        p.name() + " is " + len + " characters long; MaxLen is " + r.maxLen());
            }
            if (r.minLen() != null && len < r.minLen()) {
                throw fail(WbemStatus.WBEM_E_VALUE_OUT_OF_RANGE, p,
                        p.name() + " is " + len + " characters long; MinLen is " + r.minLen());
            }
        }
        if (v instanceof CimValue.Int n && (r.maxValue() != null || r.minValue() != null)) {
            BigInteger value = n.bigValue();
            if (r.maxValue() != null && value.compareTo(r.maxValue()) > 0) {
                throw fail(WbemStatus.WBEM_E_VALUE_OUT_OF_RANGE, p, p.name() + " = " + n.text()
                        + " exceeds MaxValue " + r.maxValue());
            }
            if (r.minValue() != null && value.compareTo(r.minValue()) < 0) {
                throw fail(WbemStatus.WBEM_E_VALUE_OUT_OF_RANGE, p, p.name() + " = " + n.text()
                        + " is below MinValue " + r.minValue());
            }
        }
        if (!r.valueMap().isEmpty() && !r.valueMap().permits(v)) {
            throw fail(WbemStatus.WBEM_E_VALUE_OUT_OF_RANGE, p,
                    p.name() + " = " + v.text() + " is not in its ValueMap " + r.valueMap());
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
