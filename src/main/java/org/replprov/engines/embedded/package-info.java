/**
 * The embedded replication engine ({@code type: embedded}, the default): the local member of a replication group
 * mirrors the group's replicated folders one way from an upstream partner over {@code file://} or {@code smb://},
 * following a DFSR schedule, and reports its inbound connection to the DfsrConnectionInfo provider through the engine
 * SPI. docs/engines.md describes it for operators.
 *
 * <p>Subpackages: {@code transport} (reading upstreams), {@code mirror} (one-way passes and the ID table),
 * {@code schedule} (schedules and bandwidth). This package holds the configuration, the connections and their state,
 * and the adapter.
 *
 * <p>Imports the engine SPI, the MS-DRSR values ({@code drsr}) and its subpackages; nothing from the provider or
 * the daemon.
 */
package org.replprov.engines.embedded;
