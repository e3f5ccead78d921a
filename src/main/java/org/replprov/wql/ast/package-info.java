/**
 * The syntax tree of a parsed WQL query: immutable records under sealed interfaces, one record per construct of
 * the WMI SDK "WQL (SQL for WMI)" grammar, plus {@link org.replprov.wql.ast.AstPrinter}, the one printer that tests
 * use as their oracle.
 *
 * <p>The tree says what the text said, already checked for syntax but not against any schema. Nodes that a later
 * check may reject carry the 1-based column of their first character. Imports only {@code org.replprov.cim}.
 */
package org.replprov.wql.ast;
