/**
 * The embedded engine's durable state, one SQLite database ({@code embedded.db} in the state directory): the ID table
 * of each replicated folder ({@link org.replprov.engines.embedded.store.IdRecord}: Uid, and the version installed)
 * and the repsTo list of the replication group ({@link org.replprov.engines.embedded.store.Downstream}, stored as
 * MS-DRSR {@code REPS_TO} values).
 *
 * <p>Imports the MS-DRSR codec, the transports' {@code Entry}, the JDK and JDBC.
 */
package org.replprov.engines.embedded.store;
