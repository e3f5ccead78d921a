/**
 * The wire encodings of CIM operations over the {@link org.replprov.provider.ObjectManager}: what both encodings
 * share (the DSP0200 property list, deferred response commit, the outcome of an answered operation, the enumeration
 * contexts of the DSP0200 pull operations), and the subpackages {@code cimxml} (DSP0200/DSP0201) and {@code json}
 * (our JSON API).
 *
 * <p>Nothing here knows HTTP: the {@code server} package reads requests off the socket and hands bodies and headers
 * in. May use {@code cim}, {@code repository}, {@code wql}, {@code provider} and {@code provider.spi}.
 */
package org.replprov.protocol;
