/**
 * The wire encodings of CIM operations and what they need from the object manager: {@link
 * org.replprov.protocol.CimOperations} (the operations a protocol calls), the values that travel with them, and the
 * rules both encodings share (property selection, method-parameter binding, deferred response commit).
 *
 * <p>Subpackages: {@code cimxml} (DSP0200/DSP0201) and {@code json} (our JSON API). Nothing here knows HTTP: the
 * {@code server} package reads requests off the socket and hands bodies and headers in. May use {@code cim},
 * {@code repository}, {@code wql}, {@code provider} and {@code provider.spi}.
 */
package org.replprov.protocol;
