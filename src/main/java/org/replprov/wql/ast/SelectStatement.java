package org.replprov.wql.ast;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * {@code SELECT * | prop, … FROM Class [WITHIN seconds] [WHERE condition]}: a data query, or an event query when the
 * class is an intrinsic event class (WMI SDK "SELECT Statement for Event Queries").
 *
 * @param properties the selected properties; empty for {@code *}
 * @param from the class after FROM
 * @param within the polling interval of an event query, in seconds
 * @param where the condition, when there is one
 */
public record SelectStatement(List<PropertyPath> properties, ClassRef from, OptionalDouble within,
                              Optional<Expr> where) implements Statement {

    public SelectStatement {
        properties = List.copyOf(properties);
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(within, "within");
        Objects.requireNonNull(where, "where");
    }

    /** True for {@code SELECT *}. */
    public boolean selectsAll() {
        return properties.isEmpty();
    }
}
