/**
 * The ReplProv_RepsTo provider ({@code root/MicrosoftActiveDirectory}): one instance per {@code repsTo} value
 * (MS-DRSR §5.173) that a {@link org.replprov.engine.spi.RepsToSource} holds, and the intrinsic events its changes
 * raise. docs/ms-drsr-repsto.md, "The ReplProv_RepsTo class", is the behaviour this package implements.
 *
 * <p>Imports {@code cim}, {@code repository}, {@code provider.spi}, {@code engine.spi}, {@code drsr}, {@code config}
 * and the GUID form of {@code providers.dfsr}. It must not import the object manager, protocols or the command line:
 * it is a provider like any other.
 */
package org.replprov.providers.ad;
