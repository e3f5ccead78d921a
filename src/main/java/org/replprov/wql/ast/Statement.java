package org.replprov.wql.ast;

/** A whole WQL query: a SELECT (data or event query) or an ASSOCIATORS OF / REFERENCES OF traversal. */
public sealed interface Statement permits SelectStatement, AssociationStatement {
}
