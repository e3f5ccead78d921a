package org.replprov.cim;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An instance of a {@link CimClass}: one value (or CIM NULL) per class property, stored by the class's property
 * index so that compiled queries read a property without a lookup.
 *
 * <p>An instance may carry only some of its class's properties (a projection, DSP0200 PropertyList, WQL
 * {@code SELECT a, b}); {@link #properties()} lists those present.
 */
public final class CimInstance {

    private final CimClass cimClass;
    /**
     * One value per class property. A projection shares the array of the instance it was made from, so only the
     * values {@link #present} names are this instance's: every read goes through it.
     */
    private final CimValue[] values;
    /** Properties present; null means all. */
    private final BitSet present;
    /**
     * Set once {@link #validate()} has passed. An instance never changes, so neither does the outcome, and an
     * instance that is returned again and again (a provider's cached instance) is checked once. A plain field: a
     * thread that does not yet see {@code true} validates again, which is only wasted work.
     */
    private boolean valid;

    private CimInstance(CimClass cimClass, CimValue[] values, BitSet present) {
        this.cimClass = cimClass;
        this.values = values;
        this.present = present;
    }

    /** A builder that starts from the class's default values. */
    public static Builder builder(CimClass cimClass) {
        return new Builder(cimClass);
    }

    public CimClass cimClass() {
        return cimClass;
    }

    public CimName className() {
        return cimClass.name();
    }

    /** The value at the class's property index {@code i}, or null (CIM NULL or not present). */
    public CimValue value(int i) {
        return isPresent(i) ? values[i] : null;
    }

    /** The value of {@code property}, or null when it is NULL, not present, or not a property of the class. */
    public CimValue value(CimName property) {
        int i = cimClass.propertyIndex(property);
        return i < 0 || !isPresent(i) ? null : values[i];
    }

    public CimValue value(String property) {
        return CimName.isValid(property) ? value(CimName.of(property)) : null;
    }

    public boolean isPresent(int i) {
        return present == null || present.get(i);
    }

    public boolean hasProperty(CimName property) {
        int i = cimClass.propertyIndex(property);
        return i >= 0 && isPresent(i);
    }

    /** The class's declarations of the properties this instance carries, in class order. */
    public List<CimProperty> properties() {
        List<CimProperty> all = cimClass.properties();
        if (present == null) {
            return all;
        }
        List<CimProperty> out = new ArrayList<>(present.cardinality());
        for (int i = present.nextSetBit(0); i >= 0; i = present.nextSetBit(i + 1)) {
            out.add(all.get(i));
        }
        return out;
    }

    /**
     * The instance's path relative to its namespace: class name and key values ({@code Class=@} for a singleton).
     * Keys with NULL values are left out; {@link #validate()} reports them.
     */
    public CimObjectPath path() {
        if (cimClass.isSingleton()) {
            return CimObjectPath.singleton(null, cimClass.name());
        }
        List<CimObjectPath.Key> keys = new ArrayList<>(cimClass.keys().size());
        for (CimProperty k : cimClass.keys()) {
            CimValue v = value(cimClass.propertyIndex(k.name()));
            if (v != null) {
                keys.add(new CimObjectPath.Key(k.name(), v));
            }
        }
        return CimObjectPath.of(null, cimClass.name(), keys);
    }

    /** This instance with only {@code keep} and the key properties present (unknown names are ignored). */
    public CimInstance project(Iterable<CimName> keep) {
        return project(Projection.of(cimClass, keep));
    }

    /**
     * This instance with only the properties of {@code projection} present: those of its names this instance has,
     * and the keys. A projection resolved for another class is resolved again for this one.
     */
    public CimInstance project(Projection projection) {
        if (projection.cimClass != cimClass) {
            return project(Projection.of(cimClass, projection.names));
        }
        BitSet mask = projection.all;
        if (present != null) {
            mask = (BitSet) projection.named.clone();
            mask.and(present);
            mask.or(projection.keys);
        }
        // The values are shared, not copied: a query that selects two properties of many instances makes each row
        // for the cost of the mask's owner, not a copy of every value.
        CimInstance projected = new CimInstance(cimClass, values, mask);
        projected.valid = valid;
        return projected;
    }

    /**
     * Which properties of a class a projection keeps (DSP0200 PropertyList, WQL {@code SELECT a, b}), resolved once:
     * projecting many instances with one then costs no name look-up, and the projected instances share its mask.
     * Immutable.
     */
    public static final class Projection {
        private final CimClass cimClass;
        private final List<CimName> names;
        /** The masks are never changed once built, so instances may share them. */
        private final BitSet named;
        private final BitSet keys;
        private final BitSet all;

        private Projection(CimClass cimClass, List<CimName> names) {
            this.cimClass = cimClass;
            this.names = names;
            this.named = new BitSet(cimClass.properties().size());
            for (CimName n : names) {
                int i = cimClass.propertyIndex(n);
                if (i >= 0) {
                    named.set(i);
                }
            }
            this.keys = new BitSet(cimClass.properties().size());
            for (CimProperty k : cimClass.keys()) {
                keys.set(cimClass.propertyIndex(k.name()));
            }
            this.all = (BitSet) named.clone();
            all.or(keys);
        }

        /** The projection of {@code cimClass} to {@code keep} and its keys; names the class lacks are ignored. */
        public static Projection of(CimClass cimClass, Iterable<CimName> keep) {
            List<CimName> names = new ArrayList<>();
            keep.forEach(names::add);
            return new Projection(cimClass, List.copyOf(names));
        }
    }

    public Builder toBuilder() {
        Builder b = new Builder(cimClass);
        for (int i = 0; i < values.length; i++) {
            b.values[i] = value(i);
        }
        return b;
    }

    /**
     * Checks the instance against its class (DSP0004 qualifiers): every key present, Required properties non-NULL,
     * values of the declared type, strings within MaxLen/MinLen, integers within MinValue/MaxValue, and values
     * listed by ValueMap (or by the implicit ValueMap of Values).
     *
     * <p>The checks run once per instance object; once they have passed, this returns at once.
     *
     * @throws CimException naming the property: WBEM_E_ILLEGAL_NULL for a missing key or Required value,
     *     WBEM_E_TYPE_MISMATCH for a wrong type, WBEM_E_VALUE_OUT_OF_RANGE for a value the qualifiers forbid
     */
    public CimInstance validate() {
        if (!valid) {
            InstanceValidator.validate(this);
            valid = true;
        }
        return this;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof CimInstance other) || !cimClass.name().equals(other.cimClass.name())
                || values.length != other.values.length || !Objects.equals(present, other.present)) {
            return false;
        }
        for (int i = 0; i < values.length; i++) {
            if (!Objects.equals(value(i), other.value(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = cimClass.name().hashCode();
        for (int i = 0; i < values.length; i++) {
            h = h * 31 + Objects.hashCode(value(i));
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("instance of ").append(cimClass.name()).append(" {");
        List<CimProperty> props = cimClass.properties();
        for (int i = 0; i < values.length; i++) {
            if (isPresent(i)) {
                sb.append(' ').append(props.get(i).name()).append('=')
                        .append(values[i] == null ? "NULL" : values[i].text()).append(';');
            }
        }
        return sb.append(" }").toString();
    }

    /** Sets values by name, coercing each to the declared type. */
    public static final class Builder {
        private final CimClass cimClass;
        private final CimValue[] values;

        private Builder(CimClass cimClass) {
            this.cimClass = Objects.requireNonNull(cimClass, "cimClass");
            List<CimProperty> props = cimClass.properties();
            this.values = new CimValue[props.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = props.get(i).defaultValue();
            }
        }

        /**
         * Sets {@code property} to {@code value} (null for CIM NULL), coerced to the property's type.
         *
         * @throws CimException WBEM_E_INVALID_PROPERTY for a name the class lacks, WBEM_E_TYPE_MISMATCH or
         *     WBEM_E_VALUE_OUT_OF_RANGE for a value that does not convert
         */
        public Builder set(CimName property, CimValue value) {
            int i = cimClass.propertyIndex(property);
            if (i < 0) {
                throw new CimException(WbemStatus.WBEM_E_INVALID_PROPERTY,
                        "class " + cimClass.name() + " has no property " + property, property);
            }
            return set(i, value);
        }

        public Builder set(String property, CimValue value) {
            if (!CimName.isValid(property)) {
                throw new CimException(WbemStatus.WBEM_E_INVALID_PROPERTY, "not a property name: '" + property + "'");
            }
            return set(CimName.of(property), value);
        }

        /** Sets the value at the class's property index {@code i}. */
        public Builder set(int i, CimValue value) {
            CimProperty p = cimClass.properties().get(i);
            try {
                values[i] = value == null ? null : value.coerce(p.dataType());
            } catch (CimException e) {
                throw new CimException(e.status(), "property " + p.name() + ": " + e.description(), p.name());
            }
            return this;
        }

        public Builder set(String property, String value) {
            return set(property, value == null ? null : CimValue.string(value));
        }

        public Builder set(String property, long value) {
            return set(property, CimValue.sint64(value));
        }

        public Builder set(String property, boolean value) {
            return set(property, CimValue.bool(value));
        }

        public Optional<CimValue> get(CimName property) {
            int i = cimClass.propertyIndex(property);
            return i < 0 ? Optional.empty() : Optional.ofNullable(values[i]);
        }

        /**
         * The instance, with a copy of the values. The copy is not waste: allocated with the instance, it lies beside
         * it in memory, and queries over the instances a table keeps read both together (handing over the builder's
         * array, allocated before every value, made full scans 10 % slower).
         */
        public CimInstance build() {
            return new CimInstance(cimClass, values.clone(), null);
        }
    }
}
