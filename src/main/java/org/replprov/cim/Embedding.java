package org.replprov.cim;

import java.util.List;

/**
 * What the qualifiers EmbeddedInstance and EmbeddedObject (DSP0004 §5.6.3) say about the values of a string-typed
 * property, parameter or method result: that each holds an embedded instance of {@code instanceClass} (or of one of
 * its subclasses), or an embedded object of any class, or, without either qualifier, plain text.
 *
 * @param instanceClass the class EmbeddedInstance names; null without that qualifier
 * @param object        true when EmbeddedObject is TRUE
 */
public record Embedding(CimName instanceClass, boolean object) {

    /** Plain text: neither qualifier. */
    public static final Embedding NONE = new Embedding(null, false);

    /**
     * The embedding the qualifiers declare. An EmbeddedInstance value that is not a class name counts as absent:
     * the MOF compiler refuses such a schema before any value is checked against it.
     */
    public static Embedding of(CimQualifiers qualifiers) {
        CimName instanceClass = qualifiers.string("EmbeddedInstance").filter(CimName::isValid).map(CimName::of)
                .orElse(null);
        boolean object = qualifiers.isTrue("EmbeddedObject");
        return instanceClass == null && !object ? NONE : new Embedding(instanceClass, object);
    }

    /** True when the element's values are embedded objects rather than text. */
    public boolean embeds() {
        return instanceClass != null || object;
    }

    /**
     * Checks that {@code value} (a scalar or each element of an array; NULL passes) is what this embedding
     * declares: an {@link CimValue.Embedded} instance of the named class or a subclass where the element embeds,
     * and no embedded instance where it does not.
     *
     * @param element the property or parameter, for the message and {@link CimException#element()}
     * @throws CimException WBEM_E_TYPE_MISMATCH
     */
    public void check(CimValue value, CimName element) {
        if (value == null) {
            return;
        }
        List<CimValue> values = value instanceof CimValue.Array a ? a.elements() : List.of(value);
        for (CimValue v : values) {
            if (!embeds()) {
                if (v instanceof CimValue.Embedded e) {
                    throw new CimException(WbemStatus.WBEM_E_TYPE_MISMATCH, element + " holds an embedded instance of "
                            + e.instance().className() + " but is not declared EmbeddedInstance or EmbeddedObject",
                            element);
                }
            } else if (!(v instanceof CimValue.Embedded e)) {
                throw new CimException(WbemStatus.WBEM_E_TYPE_MISMATCH, element + " is declared " + this
                        + " but holds the " + v.dataType() + " value '" + v.text() + "'", element);
            } else if (instanceClass != null && !e.instance().cimClass().isA(instanceClass)) {
                throw new CimException(WbemStatus.WBEM_E_TYPE_MISMATCH, element + " is declared " + this
                        + " but holds an instance of " + e.instance().className(), element);
            }
        }
    }

    /** The qualifier as MOF writes it: {@code EmbeddedInstance("Class")} or {@code EmbeddedObject}. */
    @Override
    public String toString() {
        return instanceClass != null ? "EmbeddedInstance(\"" + instanceClass + "\")" : object ? "EmbeddedObject"
                : "plain text";
    }
}
