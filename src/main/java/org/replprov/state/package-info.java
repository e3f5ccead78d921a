/**
 * What the provider keeps across restarts, also after {@code kill -9}: overrides with their end times, each
 * connection's identity, first-seen and last-activity times, and its last sync results. One embedded SQLite database
 * in write-ahead-log mode, in a configurable state directory.
 *
 * <p>A database that is corrupt, is not ours, or was written by a newer version stops start-up with a message saying
 * so; it is never replaced or repaired silently.
 *
 * <p>Imports the JDK, JDBC, {@code engine.spi} value types and {@code config}; nothing from CIM or the providers.
 */
package org.replprov.state;
