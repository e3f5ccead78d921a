/**
 * A client for Syncthing's REST API (the GUI listener, {@code X-API-Key} authentication): typed, immutable answers
 * for what a replication-engine adapter reads — identity, configuration, connections, folder states, backlogs, errors —
 * the actions it takes (pause and resume devices and folders, scan, move a file to the front of the queue, receive
 * limits), and the {@code /rest/events} long-poll with gap detection.
 *
 * <p>Works with Syncthing 1.19.2 (Debian 12) and later; newer features ({@code /rest/noauth/health},
 * {@code lastDialStatus}, {@code remoteState}) are detected, never required. Every answer is read with bounds (size,
 * nesting, string length); a malformed or unexpected one is a {@link org.replprov.engines.syncthing.rest.SyncthingException}
 * of kind {@code PROTOCOL} naming where it went wrong. The API key is never logged, printed or put in a message.
 *
 * <p>Uses only the JDK HTTP client and Jackson; nothing from the engine SPI, so that the adapter can be built on it.
 */
package org.replprov.engines.syncthing.rest;
