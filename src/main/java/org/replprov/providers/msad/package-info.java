/**
 * The MSAD classes of {@code root/MicrosoftActiveDirectory} (MSAD_ReplNeighbor, MSAD_ReplCursor, MSAD_NamingContext,
 * MSAD_DomainController, MSAD_ReplPendingOp) served from the {@link org.replprov.engine.spi.DirectoryState} facts
 * directory engines report, with SyncNamingContext and per-neighbour metrics. docs/msad-classes.md ("The provider")
 * maps every property to its source.
 */
package org.replprov.providers.msad;
