/**
 * What the providers keep across restarts, also after {@code kill -9}: overrides with their end times, each
 * connection's identity, first-seen and last-activity times, its last sync results, and the {@code repsTo} values an
 * engine keeps itself (as {@code REPS_TO} blobs). One embedded SQLite database in write-ahead-log mode, in a
 * configurable state directory.
 *
 * <p>A database that is corrupt, is not ours, or was written by a newer version stops start-up with a message saying
 * so; it is never replaced or repaired silently.
 *
 * <p>{@link org.replprov.state.InMemoryRepsToStore} is the {@code repsTo} store engine adapters fill, held in memory
 * and optionally written through to the database.
 *
 * <p>Imports the JDK, JDBC, {@code engine.spi} value types, the {@code drsr} codec and {@code config}; nothing from
 * CIM or the providers.
 */
package org.replprov.state;
