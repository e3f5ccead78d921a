/**
 * The {@code syncthing} replication engine: a Syncthing instance's devices and folders as DfsrConnectionInfo links,
 * their health from its REST API and event stream, and the four methods carried out with Syncthing's own actions
 * (pause, resume, scan, receive limit, pull-queue priority). The model, settings and error table are in
 * docs/engines.md, "Syncthing". Built on {@link org.replprov.engines.syncthing.rest}.
 */
package org.replprov.engines.syncthing;
