package org.replprov.wql.ast;

import java.math.BigInteger;
import java.util.Objects;

/**
 * A typed constant (MS-WMI §2.2.1.1 {@code typed-constant}): integer, real, string or boolean. NULL is not a literal
 * here: WQL writes it only in {@code IS [NOT] NULL}. A datetime is a string; it becomes one when compared with a
 * datetime property.
 */
public sealed interface Literal {

    /** The 1-based column of the constant's first character. */
    int column();

    /** A decimal or {@code 0x} hexadecimal integer, with its sign; unbounded until compared with a property. */
    record Int(BigInteger value, int column) implements Literal {
        public Int {
            Objects.requireNonNull(value, "value");
        }
    }

    /** A real number ({@code 1.5}, {@code 2e3}). */
    record Real(double value, int column) implements Literal {
    }

    /** A string in single or double quotes, escapes already resolved. */
    record Str(String value, int column) implements Literal {
        public Str {
            Objects.requireNonNull(value, "value");
        }
    }

    /** TRUE or FALSE. */
    record Bool(boolean value, int column) implements Literal {
    }
}
