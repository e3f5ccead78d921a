package org.replprov.wql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.replprov.cim.CimClass;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimName;
import org.replprov.cim.WbemStatus;
import org.replprov.wql.ast.Expr;
import org.replprov.wql.ast.Literal;
import org.replprov.wql.ast.Operator;
import org.replprov.wql.ast.PropertyPath;
import org.replprov.wql.ast.SelectStatement;

/**
 * A data query compiled against one namespace: which classes it covers, which instances it accepts, and what each
 * result carries (WMI SDK "SELECT Statement for Data Queries"; MS-WMI §3.1.4.3.18 ExecQuery).
 *
 * <p>FROM a class covers the class and all its subclasses. The WHERE clause is compiled once for each of them, into
 * one predicate that can be evaluated two ways:
 * <ul>
 *   <li>instance by instance ({@link #matches}, {@link #execute(Iterable, String)}): allocates nothing per instance;
 *       right for a few instances and for instances that arrive one at a time;</li>
 *   <li>over the columns of an {@link InstanceTable} ({@link #select}, {@link #execute(InstanceTable, String)}):
 *       reads only the columns of the properties the WHERE clause names, in row order, allocates nothing per row,
 *       and touches an instance only when its row matches; right for many instances of one class.</li>
 * </ul>
 * Both give the same rows; the WQL test vectors run through both.
 *
 * <p>Immutable and safe to share between threads.
 */
public final class CompiledQuery {

    private final String namespace;
    /** The selected properties resolved for each class; null for {@code SELECT *}. */
    private final PerClass<CimInstance.Projection> selected;
    private final PerClass<Condition> where;
    private final Map<CimName, Literal> equalities;

    private CompiledQuery(String namespace, PerClass<CimInstance.Projection> selected, PerClass<Condition> where,
                          Map<CimName, Literal> equalities) {
        this.namespace = namespace;
        this.selected = selected;
        this.where = where;
        this.equalities = equalities;
    }

    /**
     * Compiles {@code select} for {@code namespace}.
     *
     * @throws WqlParseException WBEM_E_INVALID_CLASS for an unknown class, WBEM_E_INVALID_QUERY for an unknown
     *     property or a constant that does not fit, and the other codes of {@link ConditionCompiler#compile}
     * @throws org.replprov.cim.CimException WBEM_E_INVALID_NAMESPACE for an unknown namespace
     */
    static CompiledQuery compile(SelectStatement select, Schema schema) {
        select.within().ifPresent(w -> {
            throw new WqlParseException(WbemStatus.WBEM_E_INVALID_QUERY, "WITHIN belongs to event queries; "
                    + select.from() + " is not an event class", select.from().column(), select.from().toString());
        });
        CimClass from = schema.require(select.from());
        List<CimName> selected = new ArrayList<>();
        for (PropertyPath p : select.properties()) {
            if (!(p.isSimple() && ResultRow.isSystemProperty(p.head()))) {
                selected.add(from.properties().get(ConditionCompiler.propertyIndex(from, p)).name());
            }
        }
        List<CimClass> classes = schema.withSubclasses(from);
        PerClass<Condition> where = new PerClass<>(classes, c -> select.where()
                .map(e -> ConditionCompiler.forData(c, schema).compile(e))
                .orElse(Condition.TRUE));
        PerClass<CimInstance.Projection> projections = select.selectsAll() ? null
                : new PerClass<>(classes, c -> CimInstance.Projection.of(c, selected));
        Map<CimName, Literal> equalities = new LinkedHashMap<>();
        select.where().ifPresent(e -> collectEqualities(e, from, equalities));
        return new CompiledQuery(schema.namespace(), projections, where, Map.copyOf(equalities));
    }

    /**
     * The {@code property = constant} conditions among the top-level AND operands of {@code e} (through nested ANDs,
     * which parentheses make), by property as the class spells it. Each must hold for a row to match, so a provider
     * may look rows up by them; an OR or NOT above a comparison hides it. Of two equalities on one property the first
     * is kept: both must hold, so looking up by either gives a superset of the matches.
     */
    private static void collectEqualities(Expr e, CimClass from, Map<CimName, Literal> out) {
        if (e instanceof Expr.And and) {
            and.operands().forEach(o -> collectEqualities(o, from, out));
        } else if (e instanceof Expr.Comparison c && c.operator() == Operator.EQUAL && c.property().isSimple()
                && !c.property().head().isSystemName()) {
            // The condition compiled, so the property exists.
            CimName name = from.properties().get(ConditionCompiler.propertyIndex(from, c.property())).name();
            out.putIfAbsent(name, c.value());
        }
    }

    /** The class after FROM. */
    public CimClass fromClass() {
        return where.root();
    }

    /**
     * The equality conditions every match satisfies: {@code property = constant} operands of the WHERE clause's
     * top-level AND (or the whole clause), by property. A provider with an index looks instances up by them
     * ({@link org.replprov.provider.spi.InstanceProvider#queryInstances}); the object manager still tests every
     * instance against the whole clause. Empty for a query without such a condition. The constant is as written:
     * a provider converts it as the property's type needs (a string compares ignoring case, as in
     * {@link Condition}).
     */
    public Map<CimName, Literal> equalities() {
        return equalities;
    }

    /** The classes whose instances the query covers: the FROM class, then its subclasses. */
    public List<CimClass> classes() {
        return where.classes();
    }

    /** True when {@code instance} is of a covered class and satisfies the WHERE clause. */
    public boolean matches(CimInstance instance) {
        Condition c = where.get(instance.cimClass());
        return c != null && c.test(instance, null);
    }

    /**
     * The result for an instance that {@linkplain #matches matches}: its selected properties and keys, and the
     * system properties.
     *
     * @param server the host to name in {@code __PATH} and {@code __SERVER}, or null for none
     */
    public ResultRow project(CimInstance instance, String server) {
        if (selected == null) {
            return new ResultRow(instance, namespace, server);
        }
        CimInstance.Projection p = selected.get(instance.cimClass());
        // An instance of a class the query does not cover: the projection is resolved again by name.
        return new ResultRow(instance.project(p != null ? p : selected.get(selected.root())), namespace, server);
    }

    /**
     * The rows of {@code table} that match, as a row set ({@link Column} describes the bitmap); empty when the table's
     * class is not one the query covers.
     */
    long[] matchingRows(InstanceTable table) {
        Condition c = where.get(table.cimClass());
        if (c == null) {
            return new long[0];
        }
        long[] rows = table.allRows();
        c.filter(table, rows);
        return rows;
    }

    /** Sends the instances of the rows of {@code table} that match to {@code out}, in row order. */
    public void select(InstanceTable table, Consumer<CimInstance> out) {
        forEachRow(table, matchingRows(table), out);
    }

    /** The results for the rows of {@code table} that match, in row order. */
    public List<ResultRow> execute(InstanceTable table, String server) {
        long[] rows = matchingRows(table);
        int count = 0;
        for (long word : rows) {
            count += Long.bitCount(word);
        }
        List<ResultRow> out = new ArrayList<>(count);
        forEachRow(table, rows, i -> out.add(project(i, server)));
        return out;
    }

    private static void forEachRow(InstanceTable table, long[] rows, Consumer<CimInstance> out) {
        for (int w = 0; w < rows.length; w++) {
            for (long bits = rows[w]; bits != 0; bits &= bits - 1) {
                out.accept(table.instance(w << 6 | Long.numberOfTrailingZeros(bits)));
            }
        }
    }

    /** The results for those of {@code instances} that match, in their order. */
    public List<ResultRow> execute(Iterable<CimInstance> instances, String server) {
        List<ResultRow> out = new ArrayList<>();
        for (CimInstance i : instances) {
            if (matches(i)) {
                out.add(project(i, server));
            }
        }
        return out;
    }
}
