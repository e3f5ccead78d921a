package org.replprov.mof;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/**
 * A value as written in MOF, before it is typed: DSP0004 ANNEX A {@code initializer}, that is a
 * {@code constantValue}, an {@code arrayInitializer} or a {@code referenceInitializer} (an alias; an object path is a
 * string). The compiler converts it to a {@code CimValue} once it knows the type of the element it initialises.
 */
public sealed interface MofLiteral {

    SourceLocation location();

    /** How a message names this kind of value: "an integer", "a string", … */
    String kind();

    record IntegerLiteral(BigInteger value, SourceLocation location) implements MofLiteral {
        public IntegerLiteral {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String kind() {
            return "an integer";
        }
    }

    record RealLiteral(double value, SourceLocation location) implements MofLiteral {
        @Override
        public String kind() {
            return "a real number";
        }
    }

    record StringLiteral(String value, SourceLocation location) implements MofLiteral {
        public StringLiteral {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String kind() {
            return "a string";
        }
    }

    record CharLiteral(char value, SourceLocation location) implements MofLiteral {
        @Override
        public String kind() {
            return "a character";
        }
    }

    record BooleanLiteral(boolean value, SourceLocation location) implements MofLiteral {
        @Override
        public String kind() {
            return "a boolean";
        }
    }

    record NullLiteral(SourceLocation location) implements MofLiteral {
        @Override
        public String kind() {
            return "NULL";
        }
    }

    /** {@code { v1, v2, … }}; the grammar allows no nested arrays, so elements are never ArrayLiterals. */
    record ArrayLiteral(List<MofLiteral> elements, SourceLocation location) implements MofLiteral {
        public ArrayLiteral {
            elements = List.copyOf(elements);
        }

        @Override
        public String kind() {
            return "an array";
        }
    }

    /** {@code $Alias}: the object path of the instance declared {@code as $Alias}. */
    record AliasLiteral(String alias, SourceLocation location) implements MofLiteral {
        public AliasLiteral {
            Objects.requireNonNull(alias, "alias");
        }

        @Override
        public String kind() {
            return "an alias";
        }
    }
}
