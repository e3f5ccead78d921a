/**
 * The peer protocol between members that run replprov ({@link org.replprov.engines.embedded.peer.PeerProtocol}):
 * a downstream announces itself to its upstream, the upstream notifies its downstreams of changes. The messages,
 * the client ({@link org.replprov.engines.embedded.peer.PeerClient}) and the server side
 * ({@link org.replprov.engines.embedded.peer.PeerService}), the engine endpoint the daemon's listener serves, which
 * hands each request to a {@link org.replprov.engines.embedded.peer.PeerEndpoint} (the engine).
 *
 * <p>Imports the transports' failure type, the MS-DRSR result codes, the engine SPI's endpoint type, Jackson and the
 * JDK's HTTP client; nothing about connections or the daemon.
 */
package org.replprov.engines.embedded.peer;
