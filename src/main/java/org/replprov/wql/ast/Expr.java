package org.replprov.wql.ast;

import java.util.List;
import java.util.Objects;

/**
 * A WHERE condition. AND and OR hold all their operands in one node ({@code a AND b AND c} is one {@link And} of
 * three), so a long chain makes a wide tree, not a deep one; only parentheses and NOT nest.
 *
 * <p>A comparison always has the property on the left: the parser swaps {@code 3 < State} into {@code State > 3}.
 */
public sealed interface Expr permits Expr.Or, Expr.And, Expr.Not, Expr.Comparison, Expr.Like, Expr.IsNull,
        Expr.Isa {

    /** True when any operand is. */
    record Or(List<Expr> operands) implements Expr {
        public Or {
            operands = List.copyOf(operands);
        }
    }

    /** True when every operand is. */
    record And(List<Expr> operands) implements Expr {
        public And {
            operands = List.copyOf(operands);
        }
    }

    /** Negation; NOT of a comparison with NULL is still not true (docs/wql.md, "NULL"). */
    record Not(Expr operand) implements Expr {
        public Not {
            Objects.requireNonNull(operand, "operand");
        }
    }

    /** {@code property op constant}. */
    record Comparison(PropertyPath property, Operator operator, Literal value) implements Expr {
        public Comparison {
            Objects.requireNonNull(property, "property");
            Objects.requireNonNull(operator, "operator");
            Objects.requireNonNull(value, "value");
        }
    }

    /** {@code property LIKE 'pattern'} (WMI SDK "LIKE Operator"). */
    record Like(PropertyPath property, Literal.Str pattern) implements Expr {
        public Like {
            Objects.requireNonNull(property, "property");
            Objects.requireNonNull(pattern, "pattern");
        }
    }

    /** {@code property IS NULL}, or {@code IS NOT NULL} when {@code negated}. */
    record IsNull(PropertyPath property, boolean negated) implements Expr {
        public IsNull {
            Objects.requireNonNull(property, "property");
        }
    }

    /** {@code object ISA 'Class'}: the object is of the class or one of its subclasses. */
    record Isa(PropertyPath object, ClassRef className) implements Expr {
        public Isa {
            Objects.requireNonNull(object, "object");
            Objects.requireNonNull(className, "className");
        }
    }
}
