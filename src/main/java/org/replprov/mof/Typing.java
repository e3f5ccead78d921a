package org.replprov.mof;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.replprov.cim.CimDataType;
import org.replprov.cim.CimDateTime;
import org.replprov.cim.CimException;
import org.replprov.cim.CimFlavor;
import org.replprov.cim.CimName;
import org.replprov.cim.CimObjectPath;
import org.replprov.cim.CimQualifier;
import org.replprov.cim.CimQualifierType;
import org.replprov.cim.CimQualifiers;
import org.replprov.cim.CimScope;
import org.replprov.cim.CimType;
import org.replprov.cim.CimValue;
import org.replprov.mof.MofLiteral.AliasLiteral;
import org.replprov.mof.MofLiteral.ArrayLiteral;
import org.replprov.mof.MofLiteral.BooleanLiteral;
import org.replprov.mof.MofLiteral.CharLiteral;
import org.replprov.mof.MofLiteral.IntegerLiteral;
import org.replprov.mof.MofLiteral.NullLiteral;
import org.replprov.mof.MofLiteral.RealLiteral;
import org.replprov.mof.MofLiteral.StringLiteral;
import org.replprov.mof.MofProduction.QualifierUse;

/**
 * Gives parsed qualifiers and literals their CIM meaning: a qualifier must be declared, allowed on the element
 * (its scope, DSP0004 §5.6.1.1) and valued as its type says, and its flavors are its declaration's defaults with the
 * written ones applied (§5.6.1.3); a literal must fit the type of what it initialises.
 */
final class Typing {

    private final Diagnostics errors;
    private final Function<CimName, Optional<CimQualifierType>> qualifierTypes;
    private final Function<String, Optional<CimObjectPath>> aliases;

    Typing(Diagnostics errors, Function<CimName, Optional<CimQualifierType>> qualifierTypes,
           Function<String, Optional<CimObjectPath>> aliases) {
        this.errors = errors;
        this.qualifierTypes = qualifierTypes;
        this.aliases = aliases;
    }

    /** The qualifiers of an element of kind {@code scope}. */
    CimQualifiers qualifiers(List<QualifierUse> uses, CimScope scope) {
        List<CimQualifier> out = new ArrayList<>(uses.size());
        Set<CimName> seen = new HashSet<>();
        for (QualifierUse use : uses) {
            if (!seen.add(use.name())) {
                throw errors.error(use.location(), "qualifier " + use.name() + " is given twice");
            }
            out.add(qualifier(use, scope));
        }
        return CimQualifiers.of(out);
    }

    private CimQualifier qualifier(QualifierUse use, CimScope scope) {
        CimQualifierType type = qualifierTypes.apply(use.name()).orElseThrow(() -> errors.error(use.location(),
                "unknown qualifier " + use.name() + "; declare it first: Qualifier " + use.name()
                        + " : type, Scope(…);"));
        if (!type.appliesTo(scope)) {
            throw errors.error(use.location(), "qualifier " + type.name() + " does not apply to " + article(scope)
                    + " " + scope.keyword() + " (its scope is " + keywords(type.scopes()) + ")");
        }
        CimValue value;
        if (use.value() != null) {
            value = value(use.value(), type.dataType(), "qualifier " + type.name());
        } else if (type.dataType().equals(CimDataType.BOOLEAN)) {
            value = CimValue.Bool.TRUE; // DSP0004: a boolean qualifier written without a value is TRUE
        } else {
            value = type.defaultValue();
        }
        Set<CimFlavor> flavors = CimFlavor.merge(type.flavors(), explicitFlavors(use.flavors(), use.location()));
        return new CimQualifier(type.name(), value, flavors, false);
    }

    /** Flavors as written, refusing a flavor together with its opposite. */
    Set<CimFlavor> explicitFlavors(List<CimFlavor> written, SourceLocation at) {
        Set<CimFlavor> flavors = written.isEmpty() ? Set.of() : EnumSet.copyOf(written);
        if (flavors.contains(CimFlavor.ENABLEOVERRIDE) && flavors.contains(CimFlavor.DISABLEOVERRIDE)
                || flavors.contains(CimFlavor.TOSUBCLASS) && flavors.contains(CimFlavor.RESTRICTED)) {
            throw errors.error(at, "contradictory flavors: " + written.stream().map(CimFlavor::keyword)
                    .collect(Collectors.joining(", ")));
        }
        return flavors;
    }

    /**
     * The value of {@code literal} as {@code type}, or null for NULL. {@code what} names the element for messages
     * ("default value of property Count").
     */
    CimValue value(MofLiteral literal, CimDataType type, String what) {
        if (literal instanceof NullLiteral) {
            return null;
        }
        if (literal instanceof ArrayLiteral array) {
            if (!type.array()) {
                throw mismatch(literal, type, what);
            }
            CimDataType elementType = type.elementType();
            List<CimValue> elements = new ArrayList<>(array.elements().size());
            for (MofLiteral element : array.elements()) {
                if (element instanceof NullLiteral) {
                    throw errors.error(element.location(), what + ": an array element cannot be NULL");
                }
                elements.add(scalar(element, elementType, what));
            }
            return new CimValue.Array(elementType, elements);
        }
        if (type.array()) {
            throw errors.error(literal.location(), "type mismatch: " + what + " is an array (" + type
                    + "); write its value as { … }");
        }
        return scalar(literal, type, what);
    }

    private CimValue scalar(MofLiteral literal, CimDataType type, String what) {
        CimType t = type.type();
        if (literal instanceof IntegerLiteral i && t.isInteger()) {
            return integer(i.value(), t, literal, what);
        }
        if (literal instanceof IntegerLiteral i && t.isReal()) {
            return new CimValue.Real(t, i.value().doubleValue());
        }
        if (literal instanceof RealLiteral r && t.isReal()) {
            return new CimValue.Real(t, r.value());
        }
        if (literal instanceof BooleanLiteral b && t == CimType.BOOLEAN) {
            return CimValue.bool(b.value());
        }
        if (literal instanceof CharLiteral c && t == CimType.CHAR16) {
            return new CimValue.Char16(c.value());
        }
        if (literal instanceof StringLiteral s && t == CimType.STRING) {
            return CimValue.string(s.value());
        }
        if (literal instanceof StringLiteral s && t == CimType.DATETIME) {
            return parsed(() -> CimDateTime.parse(s.value()), literal, what);
        }
        if (literal instanceof StringLiteral s && t == CimType.REFERENCE) {
            return parsed(() -> CimObjectPath.parse(s.value()), literal, what);
        }
        if (literal instanceof AliasLiteral a && t == CimType.REFERENCE) {
            return aliases.apply(a.alias()).orElseThrow(() -> errors.error(literal.location(),
                    "undefined alias $" + a.alias() + "; declare 'instance of … as $" + a.alias()
                            + "' before using it"));
        }
        throw mismatch(literal, type, what);
    }

    private CimValue integer(BigInteger value, CimType type, MofLiteral literal, String what) {
        try {
            return CimValue.parse(CimDataType.scalar(type), value.toString());
        } catch (CimException e) {
            throw errors.error(literal.location(), what + ": " + value + " is out of range for " + type);
        }
    }

    private CimValue parsed(Supplier<CimValue> parse, MofLiteral literal, String what) {
        try {
            return parse.get();
        } catch (CimException e) {
            throw errors.error(literal.location(), what + ": " + e.description());
        }
    }

    private MofParseException mismatch(MofLiteral literal, CimDataType type, String what) {
        return errors.error(literal.location(), "type mismatch: " + what + " is " + type + ", but the value is "
                + literal.kind());
    }

    private static String article(CimScope scope) {
        return "aeiou".indexOf(scope.keyword().charAt(0)) >= 0 ? "an" : "a";
    }

    static String keywords(Set<CimScope> scopes) {
        return EnumSet.copyOf(scopes).stream().map(CimScope::keyword).collect(Collectors.joining(", "));
    }
}
