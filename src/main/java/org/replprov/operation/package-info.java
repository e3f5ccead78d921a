/**
 * The operation layer: CIM operations as values ({@link org.replprov.operation.Operation}, one record per DSP0200
 * operation served) and the one service that runs them for every front end
 * ({@link org.replprov.operation.OperationService}). It owns what an operation means independently of its encoding:
 * who may run it (reader or operator, checked once here), the request id and caller handed to the providers, the
 * {@link org.replprov.operation.Outcome} the access log and metrics record, and the enumeration contexts of the pull
 * operations ({@link org.replprov.operation.EnumerationContexts}). Results go to a front end's
 * {@link org.replprov.operation.ResultEncoder}.
 *
 * <p>Knows no encoding and no HTTP. May use {@code cim}, {@code repository}, {@code wql}, {@code provider},
 * {@code provider.spi} and {@code log}.
 */
package org.replprov.operation;
