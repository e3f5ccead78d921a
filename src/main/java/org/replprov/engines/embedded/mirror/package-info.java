/**
 * One-way mirroring of an upstream folder into a local replica: the
 * {@link org.replprov.engines.embedded.mirror.Mirror} pass (scan, {@link org.replprov.engines.embedded.mirror.Plan},
 * staging and atomic rename, deletions, ConflictAndDeleted), the local
 * {@link org.replprov.engines.embedded.mirror.Replica} with its DfsrPrivate directory, and the durable ID table
 * ({@link org.replprov.engines.embedded.store.EmbeddedDatabase}) that gives every path a Uid and remembers what was
 * installed, so that local changes can be told from replicated content.
 *
 * <p>Imports the transports, the throttle, the JDK, SQLite over JDBC and SLF4J; nothing about connections or CIM.
 */
package org.replprov.engines.embedded.mirror;
