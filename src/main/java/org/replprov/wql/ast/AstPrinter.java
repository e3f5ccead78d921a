package org.replprov.wql.ast;

import java.util.List;
import java.util.Locale;

/**
 * Prints a syntax tree as one line of S-expressions, the form the parse vectors are written in:
 * <pre>
 * SELECT State FROM DfsrConnectionInfo WHERE NOT Inbound = TRUE AND State &lt;&gt; 1
 *   → (select (State) DfsrConnectionInfo (and (not (= Inbound TRUE)) (&lt;&gt; State 1)))
 * </pre>
 * Strings print in single quotes with {@code \'} and {@code \\} escaped, integers in decimal, {@code !=} as
 * {@code <>}.
 */
public final class AstPrinter {

    private AstPrinter() {
    }

    public static String print(Statement statement) {
        StringBuilder sb = new StringBuilder();
        if (statement instanceof SelectStatement s) {
            select(sb, s);
        } else {
            association(sb, (AssociationStatement) statement);
        }
        return sb.toString();
    }

    public static String print(Expr expr) {
        StringBuilder sb = new StringBuilder();
        expr(sb, expr);
        return sb.toString();
    }

    /** A constant as the parse vectors print it: {@code 3}, {@code 1.5}, {@code TRUE}, {@code 'text'}. */
    public static String print(Literal literal) {
        return literal(new StringBuilder(), literal).toString();
    }

    private static void select(StringBuilder sb, SelectStatement s) {
        sb.append("(select ");
        if (s.selectsAll()) {
            sb.append('*');
        } else {
            sb.append('(');
            join(sb, s.properties());
            sb.append(')');
        }
        sb.append(' ').append(s.from());
        s.within().ifPresent(seconds -> sb.append(" (within ").append(number(seconds)).append(')'));
        s.where().ifPresent(e -> expr(sb.append(' '), e));
        sb.append(')');
    }

    private static void association(StringBuilder sb, AssociationStatement a) {
        sb.append('(').append(a.traversal().name().toLowerCase(Locale.ROOT)).append(" {")
                .append(a.source()).append('}');
        for (AssociationStatement.Keyword k : AssociationStatement.Keyword.values()) {
            if (a.names().containsKey(k)) {
                sb.append(" (").append(k.spelling()).append(' ').append(a.names().get(k)).append(')');
            } else if (a.has(k)) {
                sb.append(' ').append(k.spelling());
            }
        }
        sb.append(')');
    }

    private static void expr(StringBuilder sb, Expr e) {
        if (e instanceof Expr.Or or) {
            operands(sb, "or", or.operands());
            return;
        }
        if (e instanceof Expr.And and) {
            operands(sb, "and", and.operands());
            return;
        }
        if (e instanceof Expr.Not not) {
            expr(sb.append("(not "), not.operand());
        } else if (e instanceof Expr.Comparison c) {
            literal(sb.append('(').append(c.operator().symbol()).append(' ').append(c.property()).append(' '),
                    c.value());
        } else if (e instanceof Expr.Like like) {
            literal(sb.append("(like ").append(like.property()).append(' '), like.pattern());
        } else if (e instanceof Expr.IsNull n) {
            sb.append(n.negated() ? "(is-not-null " : "(is-null ").append(n.property());
        } else {
            Expr.Isa isa = (Expr.Isa) e;
            sb.append("(isa ").append(isa.object()).append(' ').append(isa.className());
        }
        sb.append(')');
    }

    private static void operands(StringBuilder sb, String name, List<Expr> operands) {
        sb.append('(').append(name);
        for (Expr o : operands) {
            expr(sb.append(' '), o);
        }
        sb.append(')');
    }

    private static StringBuilder literal(StringBuilder sb, Literal literal) {
        if (literal instanceof Literal.Int i) {
            return sb.append(i.value());
        }
        if (literal instanceof Literal.Real r) {
            return sb.append(number(r.value()));
        }
        if (literal instanceof Literal.Bool b) {
            return sb.append(b.value() ? "TRUE" : "FALSE");
        }
        return quote(sb, ((Literal.Str) literal).value());
    }

    private static StringBuilder quote(StringBuilder sb, String s) {
        sb.append('\'');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.append('\'');
    }

    private static String number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    private static void join(StringBuilder sb, List<PropertyPath> paths) {
        for (int i = 0; i < paths.size(); i++) {
            sb.append(i == 0 ? "" : " ").append(paths.get(i));
        }
    }
}
