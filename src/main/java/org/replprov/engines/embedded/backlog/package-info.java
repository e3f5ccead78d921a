/**
 * The embedded engine's backlog (DfsrReplicatedFolderInfo.GetVersionVector and GetOutboundBacklogFileCount): the
 * version vector format a receiving member hands out and a sending member reads, and the count of updates it yields.
 * The format is specified in docs/dfsr-provider.md, "Version vectors of the embedded engine".
 */
package org.replprov.engines.embedded.backlog;
