package org.replprov.engines.embedded.transport;

import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/** A real transport with one call overridden by a test, to make it fail or change the upstream at a chosen moment. */
public class ForwardingTransport implements Transport {

    private final Transport delegate;

    public ForwardingTransport(Transport delegate) {
        this.delegate = delegate;
    }

    @Override
    public URI root() {
        return delegate.root();
    }

    @Override
    public void probe() throws TransportException {
        delegate.probe();
    }

    @Override
    public List<Entry> list(String directory) throws TransportException {
        return delegate.list(directory);
    }

    @Override
    public Optional<Entry> stat(String path) throws TransportException {
        return delegate.stat(path);
    }

    @Override
    public InputStream read(String path, long offset) throws TransportException {
        return delegate.read(path, offset);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
