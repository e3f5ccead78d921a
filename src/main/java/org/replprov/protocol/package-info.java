/**
 * The wire encodings of CIM operations: codecs that read a request into an {@link org.replprov.operation.Operation}
 * and write what {@link org.replprov.operation.OperationService} produces through a
 * {@link org.replprov.operation.ResultEncoder}. Here is what both encodings share, {@link
 * org.replprov.protocol.DeferredResponse} (an answer held back until it is 64 KiB long, so an early CIM error can
 * still replace it), and the subpackages {@code cimxml} (DSP0200/DSP0201) and {@code json} (our JSON API).
 *
 * <p>Nothing here knows HTTP: the {@code server} package reads requests off the socket and hands bodies and headers
 * in. May use {@code operation}, {@code cim}, {@code repository}, {@code wql}, {@code provider} and
 * {@code provider.spi}.
 */
package org.replprov.protocol;
