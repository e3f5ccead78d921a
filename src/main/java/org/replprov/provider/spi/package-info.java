/**
 * The provider SPI: what a provider implements to serve instances, methods and intrinsic events of the classes it is
 * registered for. Every call gets a {@link org.replprov.provider.spi.ProviderContext} first; results stream to a sink.
 * The object manager checks every request before the provider sees it and every answer after (see
 * {@code org.replprov.provider.ObjectManager}), so a provider may trust its arguments and must not trust itself.
 *
 * <p>Interfaces grow by default methods that throw WBEM_E_NOT_SUPPORTED, never by a second interface.
 *
 * <p>Imports {@code org.replprov.cim}, the event kinds and compiled queries of {@code org.replprov.wql}, and the JDK.
 */
package org.replprov.provider.spi;
