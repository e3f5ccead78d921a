package org.replprov.wql;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.regex.Pattern;

import org.replprov.cim.CimClass;
import org.replprov.cim.CimDataType;
import org.replprov.cim.CimDateTime;
import org.replprov.cim.CimException;
import org.replprov.cim.CimInterval;
import org.replprov.cim.CimName;
import org.replprov.cim.CimObjectPath;
import org.replprov.cim.CimProperty;
import org.replprov.cim.CimTimestamp;
import org.replprov.cim.CimType;
import org.replprov.cim.WbemStatus;
import org.replprov.wql.ast.AstPrinter;
import org.replprov.wql.ast.Expr;
import org.replprov.wql.ast.Literal;
import org.replprov.wql.ast.Operator;
import org.replprov.wql.ast.PropertyPath;

/**
 * Turns a WHERE clause into a {@link Condition} for one concrete class, checking it against the schema on the way.
 *
 * <p>What a name means depends on the query. In a data query it is a property of the instance, {@code __CLASS}, or
 * {@code __THIS} (the instance itself, for ISA). In an event query it is {@code TargetInstance},
 * {@code PreviousInstance} (modification events only), a property of either written with a dot, or {@code __CLASS}
 * (the event's class). The class named by a query fixes the meaning of {@code __CLASS} and ISA for each concrete
 * class, so those fold into constants here.
 *
 * <p>Constants are converted to the property's CIM type as WMI does (MS-WMI §2.2.1.1 operator table): integers accept
 * integer, integral real and quoted integer constants; booleans accept TRUE/FALSE, 1/0/-1 and 'True'/'False', with
 * {@code =} and {@code <>} only; datetimes accept a quoted CIM datetime without wildcards; references a quoted object
 * path, with {@code =} and {@code <>} only. Arrays accept only IS [NOT] NULL.
 */
final class ConditionCompiler {

    private static final CimName CLASS = CimName.of("__CLASS");
    private static final CimName THIS = CimName.of("__THIS");
    private static final CimName TARGET_INSTANCE = CimName.of("TargetInstance");
    private static final CimName PREVIOUS_INSTANCE = CimName.of("PreviousInstance");
    private static final List<CimName> UNSUPPORTED_EVENT_PROPERTIES =
            List.of(CimName.of("TIME_CREATED"), CimName.of("SECURITY_DESCRIPTOR"));
    private static final Pattern INTEGER = Pattern.compile("[+-]?(0[xX][0-9a-fA-F]+|[0-9]+)");
    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    /** What a name in the WHERE clause stands for, once resolved. */
    private sealed interface Operand permits PropertyOperand, ObjectOperand, ClassName {
    }

    /** A property value, read at run time. */
    private record PropertyOperand(Condition.Slot slot, CimProperty property) implements Operand {
    }

    /** A whole object: TargetInstance, PreviousInstance, __THIS; of the concrete class being compiled for. */
    private record ObjectOperand(CimClass cimClass) implements Operand {
    }

    /** {@code __CLASS}: a constant for the concrete class (or event class) being compiled for. */
    private record ClassName(CimName name) implements Operand {
    }

    private final CimClass instanceClass;
    private final InstanceEvent eventClass;
    private final InstanceEvent occurrence;
    private final ClassLookup classes;

    /** Whether the schema has a class of a given name (ISA checks its class exists). */
    @FunctionalInterface
    interface ClassLookup {
        boolean exists(CimName className);
    }

    private ConditionCompiler(CimClass instanceClass, InstanceEvent eventClass, InstanceEvent occurrence,
                              ClassLookup classes) {
        this.instanceClass = instanceClass;
        this.eventClass = eventClass;
        this.occurrence = occurrence;
        this.classes = classes;
    }

    /** A compiler for a data query over instances of {@code instanceClass}. */
    static ConditionCompiler forData(CimClass instanceClass, ClassLookup classes) {
        return new ConditionCompiler(instanceClass, null, null, classes);
    }

    /**
     * A compiler for an event query FROM {@code eventClass}, for events of kind {@code occurrence} whose
     * TargetInstance is of {@code targetClass}.
     */
    static ConditionCompiler forEvent(InstanceEvent eventClass, InstanceEvent occurrence, CimClass targetClass,
                                      ClassLookup classes) {
        return new ConditionCompiler(targetClass, eventClass, occurrence, classes);
    }

    /**
     * Compiles {@code expr}.
     *
     * @throws WqlParseException WBEM_E_INVALID_QUERY for an unknown name or a constant or operator that does not fit
     *     the property; WBEM_E_INVALID_CLASS for ISA of an unknown class; WBEM_E_PROPERTY_NOT_AN_OBJECT for a dot
     *     after a property that is not an embedded object; WBEM_E_NOT_SUPPORTED for event properties this layer
     *     does not evaluate
     */
    Condition compile(Expr expr) {
        return compile(expr, false);
    }

    private Condition compile(Expr expr, boolean negated) {
        if (expr instanceof Expr.Not not) {
            return compile(not.operand(), !negated);
        }
        if (expr instanceof Expr.And and) {
            List<Condition> parts = and.operands().stream().map(e -> compile(e, negated)).toList();
            return negated ? Condition.any(parts) : Condition.all(parts);
        }
        if (expr instanceof Expr.Or or) {
            List<Condition> parts = or.operands().stream().map(e -> compile(e, negated)).toList();
            return negated ? Condition.all(parts) : Condition.any(parts);
        }
        if (expr instanceof Expr.Comparison c) {
            return comparison(c, negated ? c.operator().negate() : c.operator());
        }
        if (expr instanceof Expr.Like like) {
            return like(like, !negated);
        }
        if (expr instanceof Expr.IsNull n) {
            return isNull(n, n.negated() == negated);
        }
        return isa((Expr.Isa) expr, !negated);
    }

    // ---- predicates -------------------------------------------------------------------------------------------

    private Condition isNull(Expr.IsNull n, boolean expectNull) {
        Operand operand = resolve(n.property());
        if (operand instanceof PropertyOperand p) {
            return new Condition.IsNull(p.slot(), expectNull);
        }
        return Condition.constant(!expectNull);
    }

    private Condition isa(Expr.Isa isa, boolean expected) {
        if (!(resolve(isa.object()) instanceof ObjectOperand object)) {
            throw invalid(isa.object(), "ISA tests an object (TargetInstance, PreviousInstance, __THIS), not "
                    + isa.object());
        }
        if (!classes.exists(isa.className().name())) {
            throw new WqlParseException(WbemStatus.WBEM_E_INVALID_CLASS, "class " + isa.className()
                    + " does not exist", isa.className().column(), isa.className().toString());
        }
        return Condition.constant(object.cimClass().isA(isa.className().name()) == expected);
    }

    private Condition like(Expr.Like like, boolean expected) {
        Operand operand = resolve(like.property());
        String pattern = like.pattern().value();
        LikePattern compiled = LikePattern.compile(pattern);
        if (operand instanceof ClassName c) {
            return Condition.constant(compiled.matches(c.name().toString()) == expected);
        }
        PropertyOperand p = propertyOperand(operand, like.property());
        if (p.property().dataType().equals(CimDataType.STRING)) {
            return new Condition.Like(p.slot(), compiled, expected);
        }
        if (compiled.hasWildcards()) {
            throw invalid(like.property(), "LIKE with wildcards needs a string property; " + like.property()
                    + " is " + p.property().dataType());
        }
        // WMI: on a property that is not a string, LIKE without wildcards behaves like '='.
        return comparison(p, expected ? Operator.EQUAL : Operator.NOT_EQUAL, like.pattern(), like.property());
    }

    private Condition comparison(Expr.Comparison c, Operator op) {
        Operand operand = resolve(c.property());
        if (operand instanceof ClassName name) {
            if (!(c.value() instanceof Literal.Str s) || !op.isEquality()) {
                throw invalid(c.property(), "__CLASS compares only with = or <> and a class name");
            }
            return Condition.constant(op.holds(name.name().toString().compareToIgnoreCase(s.value())));
        }
        return comparison(propertyOperand(operand, c.property()), op, c.value(), c.property());
    }

    private Condition comparison(PropertyOperand p, Operator op, Literal value, PropertyPath path) {
        CimDataType type = p.property().dataType();
        Condition.Slot slot = p.slot();
        if (type.array()) {
            throw invalid(path, path + " is an array; arrays accept only IS NULL and IS NOT NULL");
        }
        CimType t = type.type();
        if (t.isInteger()) {
            return integerComparison(slot, op, t, value, path);
        }
        return switch (t) {
            case REAL32, REAL64 -> new Condition.RealCompare(slot, op, real(value, path));
            case BOOLEAN -> {
                equalityOnly(op, path, "a boolean");
                yield new Condition.BooleanEquals(slot, bool(value, path) == (op == Operator.EQUAL));
            }
            case STRING -> new Condition.StringCompare(slot, op, string(value, path));
            case CHAR16 -> {
                String s = string(value, path);
                if (s.length() != 1) {
                    throw invalid(value, path + " is a char16; compare it with one character");
                }
                yield new Condition.CharCompare(slot, op, s.charAt(0));
            }
            case DATETIME -> datetimeComparison(slot, op, value, path);
            case REFERENCE -> {
                equalityOnly(op, path, "a reference");
                yield new Condition.ReferenceEquals(slot, path(value, path), op == Operator.EQUAL);
            }
            default -> throw new AssertionError(t);
        };
    }

    /**
     * An integer comparison, exact over the whole range: a constant outside the property's range is compared as a
     * mathematical number, so {@code State > -1} holds for every non-NULL uint32.
     */
    private Condition integerComparison(Condition.Slot slot, Operator op, CimType type, Literal value,
                                        PropertyPath path) {
        BigInteger n;
        if (value instanceof Literal.Int i) {
            n = i.value();
        } else if (value instanceof Literal.Real r) {
            if (r.value() != Math.rint(r.value())) {
                return new Condition.RealCompare(slot, op, r.value());
            }
            n = BigDecimal.valueOf(r.value()).toBigIntegerExact();
        } else if (value instanceof Literal.Str s && INTEGER.matcher(s.value().trim()).matches()) {
            n = WqlParser.integer(s.value().trim());
        } else {
            throw invalid(value, path + " is " + type + "; compare it with an integer");
        }
        boolean unsigned = type == CimType.UINT64;
        BigInteger min = unsigned ? BigInteger.ZERO : LONG_MIN;
        BigInteger max = unsigned ? UINT64_MAX : LONG_MAX;
        if (n.compareTo(min) < 0) {
            return op.holds(1) ? new Condition.IsNull(slot, false) : Condition.FALSE;
        }
        if (n.compareTo(max) > 0) {
            return op.holds(-1) ? new Condition.IsNull(slot, false) : Condition.FALSE;
        }
        return new Condition.IntegerCompare(slot, op, n.longValue(), unsigned);
    }

    private Condition datetimeComparison(Condition.Slot slot, Operator op, Literal value, PropertyPath path) {
        String text = string(value, path);
        CimDateTime dt;
        try {
            dt = CimDateTime.parse(text);
        } catch (CimException e) {
            throw invalid(value, path + " is a datetime: " + e.description());
        }
        if (!dt.isConcrete()) {
            throw invalid(value, "a datetime in a WHERE clause cannot have wildcards: '" + text + "'");
        }
        if (dt instanceof CimTimestamp ts) {
            return new Condition.TimestampCompare(slot, op, ts.epochMicros());
        }
        return new Condition.IntervalCompare(slot, op, ((CimInterval) dt).micros());
    }

    // ---- constants --------------------------------------------------------------------------------------------

    private static double real(Literal value, PropertyPath path) {
        if (value instanceof Literal.Real r) {
            return r.value();
        }
        if (value instanceof Literal.Int i) {
            return i.value().doubleValue();
        }
        if (value instanceof Literal.Str s) {
            try {
                double d = Double.parseDouble(s.value().trim());
                if (Double.isFinite(d)) {
                    return d;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw invalid(value, path + " is a real number; compare it with a number");
    }

    private static boolean bool(Literal value, PropertyPath path) {
        if (value instanceof Literal.Bool b) {
            return b.value();
        }
        if (value instanceof Literal.Int i && i.value().abs().compareTo(BigInteger.ONE) <= 0) {
            return i.value().signum() != 0;
        }
        if (value instanceof Literal.Str s && s.value().trim().equalsIgnoreCase("true")) {
            return true;
        }
        if (value instanceof Literal.Str s && s.value().trim().equalsIgnoreCase("false")) {
            return false;
        }
        throw invalid(value, path + " is a boolean; compare it with TRUE, FALSE, 1, 0, 'True' or 'False'");
    }

    private static String string(Literal value, PropertyPath path) {
        if (value instanceof Literal.Str s) {
            return s.value();
        }
        throw invalid(value, path + " needs a quoted string");
    }

    private static CimObjectPath path(Literal value, PropertyPath path) {
        String text = string(value, path);
        try {
            return CimObjectPath.parse(text);
        } catch (CimException e) {
            throw invalid(value, path + " is a reference: " + e.description());
        }
    }

    private static void equalityOnly(Operator op, PropertyPath path, String what) {
        if (!op.isEquality()) {
            throw invalid(path, path + " is " + what + "; it compares only with = and <>");
        }
    }

    // ---- names ------------------------------------------------------------------------------------------------

    private Operand resolve(PropertyPath path) {
        return eventClass == null ? resolveIn(instanceClass, false, path) : resolveInEvent(path);
    }

    private Operand resolveInEvent(PropertyPath path) {
        CimName head = path.head();
        boolean target = head.equals(TARGET_INSTANCE);
        boolean prior = head.equals(PREVIOUS_INSTANCE) && eventClass.hasPreviousInstance();
        if (target || prior) {
            return path.isSimple() ? new ObjectOperand(instanceClass) : resolveIn(instanceClass, prior, path.tail());
        }
        if (path.isSimple() && head.equals(CLASS)) {
            return new ClassName(occurrence.className());
        }
        if (UNSUPPORTED_EVENT_PROPERTIES.contains(head)) {
            throw new WqlParseException(WbemStatus.WBEM_E_NOT_SUPPORTED, head + " cannot be used in a WHERE clause",
                    path.column(), path.toString());
        }
        throw invalid(path, eventClass.className() + " has no property " + head);
    }

    /** A name within an instance of {@code cimClass}; {@code previous} reads from the event's PreviousInstance. */
    private static Operand resolveIn(CimClass cimClass, boolean previous, PropertyPath path) {
        CimName head = path.head();
        if (head.equals(CLASS) && path.isSimple()) {
            return new ClassName(cimClass.name());
        }
        if (head.equals(THIS) && path.isSimple() && !previous) {
            return new ObjectOperand(cimClass);
        }
        int index = propertyIndex(cimClass, path);
        return new PropertyOperand(new Condition.Slot(index, previous), cimClass.properties().get(index));
    }

    /**
     * The index of the property {@code path} names in {@code cimClass}.
     *
     * @throws WqlParseException WBEM_E_INVALID_QUERY when the class has no such property,
     *     WBEM_E_PROPERTY_NOT_AN_OBJECT when a dot follows a property (no property of our schema is an embedded
     *     object)
     */
    static int propertyIndex(CimClass cimClass, PropertyPath path) {
        CimName head = path.head();
        int index = cimClass.propertyIndex(head);
        if (index < 0) {
            throw invalid(path, "class " + cimClass.name() + " has no property " + head);
        }
        if (!path.isSimple()) {
            throw new WqlParseException(WbemStatus.WBEM_E_PROPERTY_NOT_AN_OBJECT, head
                    + " is not an embedded object, so it has no property " + path.tail(), path.column(), path.toString());
        }
        return index;
    }

    private static PropertyOperand propertyOperand(Operand operand, PropertyPath path) {
        if (operand instanceof PropertyOperand p) {
            return p;
        }
        throw invalid(path, path + " is an object; compare one of its properties");
    }

    private static WqlParseException invalid(PropertyPath path, String what) {
        return new WqlParseException(WbemStatus.WBEM_E_INVALID_QUERY, what, path.column(), path.toString());
    }

    private static WqlParseException invalid(Literal value, String what) {
        return new WqlParseException(WbemStatus.WBEM_E_INVALID_QUERY, what, value.column(), AstPrinter.print(value));
    }
}
