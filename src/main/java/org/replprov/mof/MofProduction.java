package org.replprov.mof;

import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.replprov.cim.CimDataType;
import org.replprov.cim.CimFlavor;
import org.replprov.cim.CimName;
import org.replprov.cim.CimScope;

/**
 * One top-level production of a MOF file as the parser read it (DSP0004 ANNEX A {@code mofProduction}): a compiler
 * directive, a qualifier declaration, a class or an instance. Names and types are already CIM values; literals are
 * not yet typed and nothing is resolved against other declarations, which is the compiler's work. Every element
 * keeps its location for the compiler's messages.
 */
public sealed interface MofProduction {

    SourceLocation location();

    /** {@code #pragma name(parameter, …)}; parameters are strings or bare words, as written. */
    record Pragma(String name, List<String> parameters, SourceLocation location) implements MofProduction {
        public Pragma {
            Objects.requireNonNull(name, "name");
            parameters = List.copyOf(parameters);
        }
    }

    /** {@code Qualifier Name : type [= default], Scope(…) [, Flavor(…)];}; flavors as written (no defaults yet). */
    record QualifierDeclaration(CimName name, CimDataType type, MofLiteral defaultValue, Set<CimScope> scopes,
                                List<CimFlavor> flavors, SourceLocation location) implements MofProduction {
        public QualifierDeclaration {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
            scopes = Set.copyOf(scopes);
            flavors = List.copyOf(flavors);
        }
    }

    /** {@code [qualifiers] class Name [: Super] { features };}. */
    record ClassDeclaration(List<QualifierUse> qualifiers, CimName name, CimName superClass,
                            SourceLocation superClassLocation, List<PropertyDeclaration> properties,
                            List<MethodDeclaration> methods, SourceLocation location) implements MofProduction {
        public ClassDeclaration {
            qualifiers = List.copyOf(qualifiers);
            Objects.requireNonNull(name, "name");
            properties = List.copyOf(properties);
            methods = List.copyOf(methods);
        }
    }

    /** {@code [qualifiers] instance of Class [as $Alias] { Property = value; … };}; alias is null when absent. */
    record InstanceDeclaration(List<QualifierUse> qualifiers, CimName className, SourceLocation classLocation,
                               String alias, List<PropertyValue> values, SourceLocation location)
            implements MofProduction {
        public InstanceDeclaration {
            qualifiers = List.copyOf(qualifiers);
            Objects.requireNonNull(className, "className");
            values = List.copyOf(values);
        }
    }

    // ---- parts of productions ---------------------------------------------------------------------------------

    /** A named part of a declaration: where the compiler reports a problem the model names by that name. */
    interface NamedPart {
        CimName name();

        SourceLocation location();
    }

    /** {@code Name[(value) | {values}] [: flavor …]} inside {@code [ ]}; value is null when none is written. */
    record QualifierUse(CimName name, MofLiteral value, List<CimFlavor> flavors, SourceLocation location) {
        public QualifierUse {
            Objects.requireNonNull(name, "name");
            flavors = List.copyOf(flavors);
        }
    }

    /**
     * A property or reference: {@code [qualifiers] type Name[[size]] [= default];}. {@code arraySize} is 0 for a
     * variable-length array or a scalar; {@code typeLocation} points at the type, where an unknown referenced class
     * is reported.
     */
    record PropertyDeclaration(List<QualifierUse> qualifiers, CimDataType type, SourceLocation typeLocation,
                               CimName name, int arraySize, MofLiteral defaultValue, SourceLocation location)
            implements NamedPart {
        public PropertyDeclaration {
            qualifiers = List.copyOf(qualifiers);
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(name, "name");
        }
    }

    /** {@code [qualifiers] returnType Name(parameters);}. */
    record MethodDeclaration(List<QualifierUse> qualifiers, CimDataType returnType, SourceLocation typeLocation,
                             CimName name, List<ParameterDeclaration> parameters, SourceLocation location)
            implements NamedPart {
        public MethodDeclaration {
            qualifiers = List.copyOf(qualifiers);
            Objects.requireNonNull(returnType, "returnType");
            Objects.requireNonNull(name, "name");
            parameters = List.copyOf(parameters);
        }
    }

    /** {@code [qualifiers] type Name[[]]}, one parameter of a method. */
    record ParameterDeclaration(List<QualifierUse> qualifiers, CimDataType type, SourceLocation typeLocation,
                                CimName name, SourceLocation location) implements NamedPart {
        public ParameterDeclaration {
            qualifiers = List.copyOf(qualifiers);
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(name, "name");
        }
    }

    /** {@code [qualifiers] Property = value;} in an instance declaration. */
    record PropertyValue(List<QualifierUse> qualifiers, CimName name, MofLiteral value, SourceLocation location)
            implements NamedPart {
        public PropertyValue {
            qualifiers = List.copyOf(qualifiers);
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }
}
