package org.replprov.provider.spi;

import org.replprov.cim.CimInstance;

/** Receives instances one at a time, as they are produced. */
@FunctionalInterface
public interface InstanceSink {

    /**
     * Takes one instance.
     *
     * @throws org.replprov.cim.CimException to stop the enumeration (the caller's deadline passed, or the instance
     *     was malformed); the provider lets it propagate
     */
    void accept(CimInstance instance);
}
