package org.replprov.wql.ast;

import java.util.Objects;

import org.replprov.cim.CimName;

/** A class named in a query (after FROM, or by ISA), with the column where the name starts. */
public record ClassRef(CimName name, int column) {

    public ClassRef {
        Objects.requireNonNull(name, "name");
    }

    @Override
    public String toString() {
        return name.toString();
    }
}
