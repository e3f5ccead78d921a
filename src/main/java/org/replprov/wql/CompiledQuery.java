package org.replprov.wql;

import java.util.ArrayList;
import java.util.List;

import org.replprov.cim.CimClass;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimName;
import org.replprov.cim.WbemStatus;
import org.replprov.wql.ast.PropertyPath;
import org.replprov.wql.ast.SelectStatement;

/**
 * A data query compiled against one namespace: which classes it covers, which instances it accepts, and what each
 * result carries (WMI SDK "SELECT Statement for Data Queries"; MS-WMI §3.1.4.3.18 ExecQuery).
 *
 * <p>FROM a class covers the class and all its subclasses. The WHERE clause is compiled once for each of them;
 * {@link #matches} then allocates nothing. Immutable and safe to share between threads.
 */
public final class CompiledQuery {

    private final String namespace;
    private final List<CimName> selected;
    private final PerClass<Condition> where;

    private CompiledQuery(String namespace, List<CimName> selected, PerClass<Condition> where) {
        this.namespace = namespace;
        this.selected = selected;
        this.where = where;
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
        PerClass<Condition> where = new PerClass<>(schema.withSubclasses(from), c -> select.where()
                .map(e -> ConditionCompiler.forData(c, schema).compile(e))
                .orElse(Condition.TRUE));
        return new CompiledQuery(schema.namespace(), select.selectsAll() ? null : List.copyOf(selected), where);
    }

    /** The class after FROM. */
    public CimClass fromClass() {
        return where.root();
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
        return new ResultRow(selected == null ? instance : instance.project(selected), namespace, server);
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
