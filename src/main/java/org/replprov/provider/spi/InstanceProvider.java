package org.replprov.provider.spi;

import java.util.Optional;

import org.replprov.cim.CimClass;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimObjectPath;

/**
 * Serves the instances of the classes a provider is registered for.
 *
 * <p>The object manager calls with a class that exists in the namespace and that this provider was registered for,
 * and with key values already typed against the class. It checks each instance the provider produces: of that class
 * (the very class object passed in), every key set, every value of its property's type and within its qualifiers. A
 * provider that produces anything else fails the request with WBEM_E_PROVIDER_FAILURE naming the provider.
 */
public interface InstanceProvider extends Provider {

    /** Sends every instance of exactly {@code cimClass} (not of its subclasses) to {@code out}. */
    void enumerateInstances(ProviderContext ctx, CimClass cimClass, InstanceSink out);

    /**
     * The instance {@code path} names, or empty when there is none. The default enumerates and picks; providers with
     * an index override it.
     */
    default Optional<CimInstance> getInstance(ProviderContext ctx, CimClass cimClass, CimObjectPath path) {
        CimObjectPath wanted = path.relative();
        CimInstance[] found = new CimInstance[1];
        enumerateInstances(ctx, cimClass, i -> {
            if (found[0] == null && i.path().equals(wanted)) {
                found[0] = i;
            }
        });
        return Optional.ofNullable(found[0]);
    }
}
