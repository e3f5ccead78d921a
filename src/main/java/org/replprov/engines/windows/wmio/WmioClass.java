package org.replprov.engines.windows.wmio;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A class object, ClassType (MS-WMIO §2.2.11): the ParentClass (the immediate superclass's ClassPart and
 * MethodsPart, or {@link ClassDefinition#NONE} with no methods) followed by the CurrentClass.
 */
public record WmioClass(ClassDefinition parent, List<MethodDefinition> parentMethods, ClassDefinition current,
                        List<MethodDefinition> methods) implements WmioObject {

    public WmioClass {
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(current.name(), "a class has a name");
        parentMethods = List.copyOf(parentMethods);
        methods = List.copyOf(methods);
    }

    @Override
    public String className() {
        return current.name();
    }

    public Optional<MethodDefinition> method(String name) {
        return methods.stream().filter(m -> m.name().equalsIgnoreCase(name)).findFirst();
    }
}
