package org.replprov.engines.windows.wmio;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An instance object, InstanceType (MS-WMIO §2.2.53): the CurrentClass (a ClassPart, no methods), the
 * InstanceClassName, one {@link InstanceValue} per property of the class (in its declaration order), and the
 * InstanceQualifierSet.
 */
public record WmioInstance(ClassDefinition currentClass, String className, List<InstanceValue> values,
                           List<Qualifier> qualifiers) implements WmioObject {

    public WmioInstance {
        Objects.requireNonNull(currentClass, "currentClass");
        Objects.requireNonNull(className, "className");
        values = List.copyOf(values);
        qualifiers = List.copyOf(qualifiers);
        List<PropertyDefinition> props = currentClass.properties();
        if (values.size() != props.size()) {
            throw new IllegalArgumentException(values.size() + " values for " + props.size() + " properties");
        }
        for (int i = 0; i < props.size(); i++) {
            WmioValue v = values.get(i).value();
            if (v != null && !v.fits(props.get(i).type())) {
                throw new IllegalArgumentException("property " + props.get(i).name() + " of type "
                        + props.get(i).type() + " cannot hold " + v);
            }
        }
    }

    /**
     * An instance of {@code cls} with the given values by property name (ignoring case); properties not named take
     * the class default, as a spawned instance does. Method in-parameters are built this way from
     * {@link MethodDefinition#inParameters()}.
     *
     * @throws IllegalArgumentException for a name the class lacks or a value of the wrong type
     */
    public static WmioInstance of(ClassDefinition cls, Map<String, WmioValue> values) {
        Map<String, WmioValue> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        byName.putAll(values);
        List<InstanceValue> out = new ArrayList<>();
        for (PropertyDefinition p : cls.properties()) {
            out.add(byName.containsKey(p.name()) ? InstanceValue.of(byName.remove(p.name()))
                    : new InstanceValue(p.defaultNull() ? null : p.defaultValue(), true, List.of()));
        }
        if (!byName.isEmpty()) {
            throw new IllegalArgumentException("class " + cls.name() + " has no property " + byName.keySet());
        }
        return new WmioInstance(cls, cls.name(), out, List.of());
    }

    /** The value of {@code property} (ignoring case), {@code null} for NULL or a name the class lacks. */
    public WmioValue value(String property) {
        List<PropertyDefinition> props = currentClass.properties();
        for (int i = 0; i < props.size(); i++) {
            if (props.get(i).name().equalsIgnoreCase(property)) {
                return values.get(i).value();
            }
        }
        return null;
    }
}
