/**
 * The WQL query layer: a bounded hand-written parser ({@link org.replprov.wql.Wql#parse}), and compilers that check a
 * parsed query against a namespace's classes and turn it into something quick to evaluate: a
 * {@link org.replprov.wql.CompiledQuery} for data queries, an {@link org.replprov.wql.EventFilter} for intrinsic
 * event queries, an {@link org.replprov.wql.AssociationQuery} for ASSOCIATORS OF and REFERENCES OF.
 *
 * <p>A data query tests instances one by one, or scans an {@link org.replprov.wql.InstanceTable}: the instances of
 * one class held as columns of primitive arrays, which a query reads in row order without the cache misses of going
 * from instance to value to string. One compiled condition serves both; each of its leaves decides a value the same
 * way wherever the value comes from. Providers with many instances keep tables and let queries scan them.
 *
 * <p>Every failure is a {@link org.replprov.cim.CimException} carrying the WBEM status WMI uses; failures tied to a
 * place in the text are {@link org.replprov.wql.WqlParseException}s with the column. The semantics chosen where the
 * specifications are silent (NULL, booleans, datetimes, case) are written down in docs/wql.md.
 *
 * <p>Imports only {@code org.replprov.cim} and {@code org.replprov.repository}; it does no I/O.
 */
package org.replprov.wql;
