package org.replprov.engines.embedded.transport;

import java.io.Closeable;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * Read access to one upstream replicated folder: its root and everything below. A transport never writes upstream:
 * the embedded engine replicates one way, from the upstream into the local replica.
 *
 * <p>Every failure is a {@link TransportException} whose reason says which connection event it is. Implementations
 * are safe for concurrent use: the mirror downloads several files at once.
 */
public interface Transport extends Closeable {

    /** The root of the folder, as configured (credentials never appear in it). */
    URI root();

    /**
     * Connects and opens the folder root, as DfsrConnectionInfo.CheckConnectivity does ("connects and opens the
     * replicated folder root").
     *
     * @throws TransportException when the root cannot be opened or is not a directory
     */
    void probe() throws TransportException;

    /** The entries of one directory ({@code ""} is the root), in no particular order. */
    List<Entry> list(String directory) throws TransportException;

    /** The entry at {@code path}; empty when nothing is there. */
    Optional<Entry> stat(String path) throws TransportException;

    /** Opens the file at {@code path} for reading from {@code offset}. */
    InputStream read(String path, long offset) throws TransportException;

    /**
     * How many reads of one file at different offsets pay off at once. Over a network each read waits a round trip
     * and the protocol reads in small pieces (64 KiB for SMB2 without multi-credit requests), so reading ahead on
     * several streams is what fills the link; a local disk needs no help.
     */
    default int parallelReads() {
        return 1;
    }

    /** Releases connections; the transport is not used afterwards. */
    @Override
    void close();
}
