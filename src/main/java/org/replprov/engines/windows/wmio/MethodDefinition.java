package org.replprov.engines.windows.wmio;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One MethodDescription of a MethodsPart (MS-WMIO §2.2.41). The parameters travel as two classes named
 * {@code __PARAMETERS} (§2.3.3): the InputSignature holds the in parameters, the OutputSignature the out parameters
 * and {@code ReturnValue}; each parameter is a property with an {@code ID} qualifier giving its position.
 *
 * @param name            MethodName
 * @param flags           MethodFlags: 0x20 (WBEM_FLAVOR_ORIGIN_PROPAGATED) for an inherited method
 * @param origin          MethodOrigin, counted like {@link PropertyDefinition#classOfOrigin()}
 * @param qualifiers      MethodQualifiers
 * @param inSignature     the InputSignature's ObjectBlock (a class), {@code null} when the method takes nothing
 * @param outSignature    the OutputSignature's ObjectBlock (a class), {@code null} when there is none
 */
public record MethodDefinition(String name, int flags, int origin, List<Qualifier> qualifiers,
                               ObjectBlock inSignature, ObjectBlock outSignature) {

    /** WBEM_FLAVOR_ORIGIN_PROPAGATED in MethodFlags. */
    public static final int PROPAGATED = 0x20;

    public MethodDefinition {
        Objects.requireNonNull(name, "name");
        qualifiers = List.copyOf(qualifiers);
        if (inSignature != null && !inSignature.isClass() || outSignature != null && !outSignature.isClass()) {
            throw new IllegalArgumentException("a method signature is a class");
        }
    }

    /** The in parameters: the CurrentClass of the InputSignature. */
    public Optional<ClassDefinition> inParameters() {
        return Optional.ofNullable(inSignature).map(b -> ((WmioClass) b.object()).current());
    }

    /** The out parameters and {@code ReturnValue}: the CurrentClass of the OutputSignature. */
    public Optional<ClassDefinition> outParameters() {
        return Optional.ofNullable(outSignature).map(b -> ((WmioClass) b.object()).current());
    }
}
