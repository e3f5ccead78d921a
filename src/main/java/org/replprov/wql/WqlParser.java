package org.replprov.wql;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

import org.replprov.cim.CimException;
import org.replprov.cim.CimName;
import org.replprov.cim.CimObjectPath;
import org.replprov.cim.WbemStatus;
import org.replprov.wql.WqlToken.Type;
import org.replprov.wql.ast.AssociationStatement;
import org.replprov.wql.ast.AssociationStatement.Keyword;
import org.replprov.wql.ast.AssociationStatement.Traversal;
import org.replprov.wql.ast.ClassRef;
import org.replprov.wql.ast.Expr;
import org.replprov.wql.ast.Literal;
import org.replprov.wql.ast.Operator;
import org.replprov.wql.ast.PropertyPath;
import org.replprov.wql.ast.SelectStatement;
import org.replprov.wql.ast.Statement;

/**
 * A recursive-descent parser for WQL, one method per rule of this grammar (after MS-WMI §2.2.1 and the WMI SDK
 * pages "WQL (SQL for WMI)", "WHERE Clause", "WQL Operators", "SELECT Statement for Event Queries" and "ASSOCIATORS
 * OF Statement"; AND binds tighter than OR, as the SDK states):
 * <pre>
 * query        = ( select | association ) EOF ;
 * select       = "SELECT" ( "*" | property { "," property } ) "FROM" identifier
 *                [ "WITHIN" number ] [ "WHERE" or-expr ] ;
 * or-expr      = and-expr { "OR" and-expr } ;
 * and-expr     = unary { "AND" unary } ;
 * unary        = "NOT" unary | "(" or-expr ")" | predicate ;
 * predicate    = property comparison constant
 *              | constant comparison property
 *              | "__CLASS" ( "=" | "&lt;&gt;" | "!=" ) identifier
 *              | property "LIKE" string
 *              | property "IS" [ "NOT" ] "NULL"
 *              | property "ISA" string ;
 * comparison   = "=" | "&lt;&gt;" | "!=" | "&lt;" | "&gt;" | "&lt;=" | "&gt;=" ;
 * constant     = integer | real | string | "TRUE" | "FALSE" ;
 * property     = identifier { "." identifier } ;
 * association  = ( "ASSOCIATORS" | "REFERENCES" ) "OF" "{" object-path "}"
 *                [ "WHERE" assoc-keyword { assoc-keyword } ] ;
 * assoc-keyword = ( "AssocClass" | "ResultClass" | "ResultRole" | "Role" | "RequiredQualifier"
 *                 | "RequiredAssocQualifier" ) "=" ( identifier | string )
 *              | "ClassDefsOnly" | "KeysOnly" | "SchemaOnly" ;
 * </pre>
 * {@code GROUP WITHIN … [BY …] [HAVING …]} is recognised and refused with WBEM_E_NOT_SUPPORTED (GROUP BY without
 * WITHIN with WBEM_E_MISSING_GROUP_WITHIN); {@code SELECT … FROM meta_class} (schema queries) is refused the same way.
 * Parentheses and NOT may nest at most {@link Wql#MAX_NESTING_DEPTH} deep.
 */
final class WqlParser {

    private final List<WqlToken> tokens;
    private int current;
    private int depth;

    WqlParser(List<WqlToken> tokens) {
        this.tokens = tokens;
    }

    /**
     * Parses the whole token list.
     *
     * @throws WqlParseException WBEM_E_INVALID_QUERY for a syntax error, WBEM_E_QUOTA_VIOLATION when nesting is too
     *     deep, WBEM_E_NOT_SUPPORTED or WBEM_E_MISSING_GROUP_WITHIN for the refused forms above
     */
    Statement parse() {
        Statement statement;
        if (check(Type.SELECT)) {
            statement = select();
        } else if (peek().isWord("ASSOCIATORS")) {
            statement = association(Traversal.ASSOCIATORS);
        } else if (peek().isWord("REFERENCES")) {
            statement = association(Traversal.REFERENCES);
        } else {
            throw error(peek(), "a query starts with SELECT, ASSOCIATORS OF or REFERENCES OF, not " + peek().shown());
        }
        if (!check(Type.EOF)) {
            throw error(peek(), "unexpected " + peek().shown() + " after the end of the query");
        }
        return statement;
    }

    // ---- SELECT -----------------------------------------------------------------------------------------------

    private SelectStatement select() {
        consume(Type.SELECT, "SELECT");
        List<PropertyPath> properties = new ArrayList<>();
        if (!match(Type.STAR)) {
            do {
                properties.add(property());
            } while (match(Type.COMMA));
        }
        consume(Type.FROM, "FROM after the property list");
        ClassRef from = className(consume(Type.IDENTIFIER, "a class name after FROM"));
        if (from.name().matches("meta_class")) {
            throw error(WbemStatus.WBEM_E_NOT_SUPPORTED, previous(), "schema queries (FROM meta_class) are not supported");
        }
        OptionalDouble within = OptionalDouble.empty();
        if (peek().isWord("WITHIN")) {
            advance();
            within = OptionalDouble.of(seconds());
        }
        Optional<Expr> where = match(Type.WHERE) ? Optional.of(or()) : Optional.empty();
        if (peek().isWord("GROUP")) {
            WqlToken group = advance();
            if (peek().isWord("BY")) {
                throw error(WbemStatus.WBEM_E_MISSING_GROUP_WITHIN, group, "GROUP BY needs GROUP WITHIN");
            }
            throw error(WbemStatus.WBEM_E_NOT_SUPPORTED, group, "aggregating event queries (GROUP WITHIN) are not supported");
        }
        if (peek().isWord("HAVING")) {
            throw error(WbemStatus.WBEM_E_MISSING_GROUP_WITHIN, peek(), "HAVING needs GROUP WITHIN");
        }
        return new SelectStatement(properties, from, within, where);
    }

    /** The WITHIN interval: a positive number of seconds, fractions allowed (WMI SDK "WITHIN Clause"). */
    private double seconds() {
        WqlToken t = peek();
        if (!check(Type.INTEGER) && !check(Type.REAL)) {
            throw error(t, "expected a number of seconds after WITHIN, found " + t.shown());
        }
        advance();
        Literal n = number(t);
        double seconds = n instanceof Literal.Int i ? i.value().doubleValue() : ((Literal.Real) n).value();
        if (!(seconds > 0) || Double.isInfinite(seconds)) {
            throw error(t, "WITHIN needs a positive number of seconds");
        }
        return seconds;
    }

    // ---- conditions, loosest first ----------------------------------------------------------------------------

    private Expr or() {
        List<Expr> operands = new ArrayList<>();
        operands.add(and());
        while (match(Type.OR)) {
            operands.add(and());
        }
        return operands.size() == 1 ? operands.get(0) : new Expr.Or(operands);
    }

    private Expr and() {
        List<Expr> operands = new ArrayList<>();
        operands.add(unary());
        while (match(Type.AND)) {
            operands.add(unary());
        }
        return operands.size() == 1 ? operands.get(0) : new Expr.And(operands);
    }

    private Expr unary() {
        if (match(Type.NOT)) {
            enter(previous());
            Expr operand = unary();
            depth--;
            return new Expr.Not(operand);
        }
        if (match(Type.LEFT_PAREN)) {
            enter(previous());
            Expr inner = or();
            consume(Type.RIGHT_PAREN, "')'");
            depth--;
            return inner;
        }
        return predicate();
    }

    private Expr predicate() {
        if (isConstant(peek())) {
            Literal constant = constant();
            Operator op = operator();
            WqlToken t = peek();
            if (!check(Type.IDENTIFIER)) {
                throw error(t, "a comparison needs a property on one side, found " + t.shown());
            }
            return new Expr.Comparison(property(), op.swap(), constant);
        }
        PropertyPath property = property();
        if (match(Type.IS)) {
            boolean negated = match(Type.NOT);
            consume(Type.NULL, "NULL after IS" + (negated ? " NOT" : ""));
            return new Expr.IsNull(property, negated);
        }
        if (match(Type.LIKE)) {
            return new Expr.Like(property, pattern(consume(Type.STRING, "a quoted pattern after LIKE")));
        }
        if (check(Type.NOT)) {
            throw error(peek(), "NOT goes before the condition it negates: NOT " + property + " LIKE …");
        }
        if (match(Type.ISA)) {
            WqlToken name = consume(Type.STRING, "a quoted class name after ISA");
            return new Expr.Isa(property, className(name));
        }
        Operator op = operator();
        WqlToken t = peek();
        if (check(Type.NULL)) {
            throw error(t, "compare with NULL using IS NULL or IS NOT NULL");
        }
        if (check(Type.IDENTIFIER)) {
            if (property.isSimple() && property.head().matches("__CLASS") && op.isEquality()) {
                advance();
                return new Expr.Comparison(property, op, new Literal.Str(className(t).name().toString(), t.column()));
            }
            throw error(t, "a property can only be compared with a constant, not with " + t.shown());
        }
        return new Expr.Comparison(property, op, constant());
    }

    private Operator operator() {
        WqlToken t = advance();
        return switch (t.type()) {
            case EQUAL -> Operator.EQUAL;
            case NOT_EQUAL -> Operator.NOT_EQUAL;
            case LESS -> Operator.LESS;
            case GREATER -> Operator.GREATER;
            case LESS_OR_EQUAL -> Operator.LESS_OR_EQUAL;
            case GREATER_OR_EQUAL -> Operator.GREATER_OR_EQUAL;
            default -> throw error(t, "expected an operator (=, <>, !=, <, >, <=, >=, LIKE, IS, ISA), found " + t.shown());
        };
    }

    // ---- names and constants ----------------------------------------------------------------------------------

    private PropertyPath property() {
        WqlToken first = peek();
        List<CimName> names = new ArrayList<>();
        names.add(name(first, "a property name"));
        while (match(Type.DOT)) {
            names.add(name(peek(), "a property name after '.'"));
        }
        return new PropertyPath(names, first.column());
    }

    private CimName name(WqlToken t, String what) {
        if (!check(Type.IDENTIFIER)) {
            throw error(t, "expected " + what + ", found " + (t.isReserved() ? "the reserved word " : "") + t.shown());
        }
        advance();
        return CimName.of(t.text());
    }

    private ClassRef className(WqlToken t) {
        if (!CimName.isValid(t.value())) {
            throw error(t, "'" + t.value() + "' is not a class name");
        }
        return new ClassRef(CimName.of(t.value()), t.type() == Type.STRING ? t.column() + 1 : t.column());
    }

    private static boolean isConstant(WqlToken t) {
        return switch (t.type()) {
            case INTEGER, REAL, STRING, TRUE, FALSE -> true;
            default -> false;
        };
    }

    private Literal constant() {
        WqlToken t = advance();
        return switch (t.type()) {
            case INTEGER, REAL -> number(t);
            case STRING -> new Literal.Str(t.value(), t.column());
            case TRUE -> new Literal.Bool(true, t.column());
            case FALSE -> new Literal.Bool(false, t.column());
            default -> throw error(t, "expected a constant (number, quoted string, TRUE or FALSE), found " + t.shown());
        };
    }

    private Literal number(WqlToken t) {
        if (t.type() == Type.REAL) {
            double d = Double.parseDouble(t.text());
            if (Double.isInfinite(d)) {
                throw error(t, t.shown() + " is too large for a real number");
            }
            return new Literal.Real(d, t.column());
        }
        return new Literal.Int(integer(t.text()), t.column());
    }

    /** A lexed integer: optional sign, then decimal digits or {@code 0x} and hex digits. */
    static BigInteger integer(String text) {
        boolean negative = text.startsWith("-");
        String digits = negative || text.startsWith("+") ? text.substring(1) : text;
        boolean hex = digits.length() > 2 && (digits.charAt(1) == 'x' || digits.charAt(1) == 'X');
        BigInteger value = hex ? new BigInteger(digits.substring(2), 16) : new BigInteger(digits);
        return negative ? value.negate() : value;
    }

    private Literal.Str pattern(WqlToken t) {
        try {
            LikePattern.compile(t.value());
        } catch (CimException e) {
            throw new WqlParseException(e.status(), e.description(), t.column(), t.text());
        }
        return new Literal.Str(t.value(), t.column());
    }

    // ---- ASSOCIATORS OF / REFERENCES OF -----------------------------------------------------------------------

    private AssociationStatement association(Traversal traversal) {
        advance();
        if (!peek().isWord("OF")) {
            throw error(peek(), "expected OF after " + previous().text());
        }
        advance();
        WqlToken pathToken = consume(Type.OBJECT_PATH, "an object path in braces: {Class.Key=\"value\"}");
        CimObjectPath source;
        try {
            source = CimObjectPath.parse(pathToken.value().trim());
        } catch (CimException e) {
            throw error(pathToken, e.description());
        }
        Map<Keyword, CimName> names = new EnumMap<>(Keyword.class);
        Set<Keyword> flags = EnumSet.noneOf(Keyword.class);
        if (match(Type.WHERE)) {
            do {
                WqlToken t = advance();
                Keyword keyword = keyword(t, traversal);
                if (names.containsKey(keyword) || flags.contains(keyword)) {
                    throw error(t, keyword.spelling() + " is given twice");
                }
                if (keyword.takesName()) {
                    consume(Type.EQUAL, "'=' after " + keyword.spelling());
                    WqlToken value = advance();
                    if ((value.type() != Type.IDENTIFIER && value.type() != Type.STRING) || !CimName.isValid(value.value())) {
                        throw error(value, "expected a name after " + keyword.spelling() + " =, found " + value.shown());
                    }
                    names.put(keyword, CimName.of(value.value()));
                } else {
                    flags.add(keyword);
                }
                checkCombination(t, names, flags);
            } while (!check(Type.EOF));
        }
        return new AssociationStatement(traversal, source, pathToken.column(), names, flags);
    }

    private Keyword keyword(WqlToken t, Traversal traversal) {
        for (Keyword k : Keyword.values()) {
            if (t.isWord(k.spelling())) {
                if (k.associatorsOnly() && traversal == Traversal.REFERENCES) {
                    throw error(t, k.spelling() + " belongs to ASSOCIATORS OF, not REFERENCES OF");
                }
                return k;
            }
        }
        throw error(t, "expected AssocClass, ResultClass, ResultRole, Role, RequiredQualifier, "
                + "RequiredAssocQualifier, ClassDefsOnly, KeysOnly or SchemaOnly, found " + t.shown());
    }

    /** WMI SDK: ClassDefsOnly cannot be combined with ResultClass, nor with SchemaOnly. */
    private void checkCombination(WqlToken t, Map<Keyword, CimName> names, Set<Keyword> flags) {
        if (flags.contains(Keyword.CLASS_DEFS_ONLY)
                && (names.containsKey(Keyword.RESULT_CLASS) || flags.contains(Keyword.SCHEMA_ONLY))) {
            throw error(t, "ClassDefsOnly cannot be combined with " + (flags.contains(Keyword.SCHEMA_ONLY)
                    ? "SchemaOnly" : "ResultClass"));
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private void enter(WqlToken t) {
        if (++depth > Wql.MAX_NESTING_DEPTH) {
            throw error(WbemStatus.WBEM_E_QUOTA_VIOLATION, t,
                    "parentheses and NOT nest deeper than " + Wql.MAX_NESTING_DEPTH + " levels");
        }
    }

    private boolean match(Type type) {
        if (check(type)) {
            advance();
            return true;
        }
        return false;
    }

    private WqlToken consume(Type type, String what) {
        if (check(type)) {
            return advance();
        }
        throw error(peek(), "expected " + what + ", found " + peek().shown());
    }

    private boolean check(Type type) {
        return peek().type() == type;
    }

    private WqlToken advance() {
        WqlToken t = peek();
        if (t.type() != Type.EOF) {
            current++;
        }
        return t;
    }

    private WqlToken peek() {
        return tokens.get(current);
    }

    private WqlToken previous() {
        return tokens.get(current - 1);
    }

    private static WqlParseException error(WqlToken t, String what) {
        return error(WbemStatus.WBEM_E_INVALID_QUERY, t, what);
    }

    private static WqlParseException error(WbemStatus status, WqlToken t, String what) {
        return new WqlParseException(status, what, t.column(), t.text());
    }
}
