package org.replprov.wql;

import java.util.Objects;

import org.replprov.cim.WbemStatus;
import org.replprov.repository.ClassRepository;
import org.replprov.wql.ast.AssociationStatement;
import org.replprov.wql.ast.SelectStatement;
import org.replprov.wql.ast.Statement;

/**
 * A parsed query, checked for syntax only. Compiling it against a namespace checks it against the schema and gives
 * the object that evaluates it: {@link CompiledQuery} for a data query, {@link EventFilter} for an event query,
 * {@link AssociationQuery} for ASSOCIATORS OF and REFERENCES OF.
 */
public final class WqlQuery {

    private final String text;
    private final Statement statement;

    WqlQuery(String text, Statement statement) {
        this.text = Objects.requireNonNull(text, "text");
        this.statement = Objects.requireNonNull(statement, "statement");
    }

    public String text() {
        return text;
    }

    public Statement statement() {
        return statement;
    }

    /** True for a SELECT from one of the intrinsic event classes ({@link InstanceEvent}). */
    public boolean isEventQuery() {
        return statement instanceof SelectStatement s && InstanceEvent.forClass(s.from().name()).isPresent();
    }

    /** True for ASSOCIATORS OF and REFERENCES OF. */
    public boolean isAssociationQuery() {
        return statement instanceof AssociationStatement;
    }

    /**
     * Compiles a data query (ExecQuery).
     *
     * @throws WqlParseException WBEM_E_INVALID_QUERY when this is an ASSOCIATORS OF or REFERENCES OF query, and the
     *     codes of {@link CompiledQuery}'s checks: WBEM_E_INVALID_CLASS, WBEM_E_INVALID_QUERY, …
     * @throws org.replprov.cim.CimException WBEM_E_INVALID_NAMESPACE for an unknown namespace
     */
    public CompiledQuery compile(ClassRepository repository, String namespace) {
        if (!(statement instanceof SelectStatement select)) {
            throw wrongKind("ASSOCIATORS OF and REFERENCES OF are compiled with compileAssociation");
        }
        return CompiledQuery.compile(select, new Schema(repository, namespace));
    }

    /**
     * Compiles an event query (ExecNotificationQuery).
     *
     * @throws WqlParseException WBEM_E_INVALID_QUERY when this is an ASSOCIATORS OF or REFERENCES OF query, and the
     *     codes of {@link EventFilter}'s checks
     */
    public EventFilter compileEventFilter(ClassRepository repository, String namespace) {
        if (!(statement instanceof SelectStatement select)) {
            throw wrongKind("ASSOCIATORS OF and REFERENCES OF are not event queries");
        }
        return EventFilter.compile(select, new Schema(repository, namespace));
    }

    /**
     * Compiles an ASSOCIATORS OF or REFERENCES OF query.
     *
     * @throws WqlParseException WBEM_E_INVALID_QUERY when this is a SELECT, and the codes of
     *     {@link AssociationQuery}'s checks
     */
    public AssociationQuery compileAssociation(ClassRepository repository, String namespace) {
        if (!(statement instanceof AssociationStatement association)) {
            throw wrongKind("a SELECT is compiled with compile or compileEventFilter");
        }
        return AssociationQuery.compile(association, new Schema(repository, namespace));
    }

    private WqlParseException wrongKind(String what) {
        String first = text.strip().split("\\s+", 2)[0];
        return new WqlParseException(WbemStatus.WBEM_E_INVALID_QUERY, what, text.indexOf(first) + 1, first);
    }

    @Override
    public String toString() {
        return text;
    }
}
