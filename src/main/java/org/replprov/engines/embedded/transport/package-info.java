/**
 * How the embedded engine reads an upstream replicated folder: {@code file://} paths and
 * {@code smb://host[:port]/share/path} through jcifs-ng (SMB 2.0.2 to 3.1.1, signing).
 *
 * <p>A {@link org.replprov.engines.embedded.transport.Transport} lists directories, reads file attributes and opens
 * files for reading; it never writes. Failures carry one of four reasons, each the DFSR connection event the engine
 * reports for it: unreachable host or server (5008), share, path or group not recognized (5012), dialect or protocol
 * version mismatch (5102), anything else (5002).
 *
 * <p>Imports only the JDK, jcifs-ng and SLF4J: transports know nothing of replication.
 */
package org.replprov.engines.embedded.transport;
