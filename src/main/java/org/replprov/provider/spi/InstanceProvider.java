package org.replprov.provider.spi;

import java.util.Optional;

import org.replprov.cim.CimClass;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimObjectPath;
import org.replprov.wql.CompiledQuery;

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
     * Sends the instances of exactly {@code cimClass} that may satisfy {@code query} to {@code out} (ExecQuery).
     *
     * <p>The default sends every instance, as {@link #enumerateInstances} does. A provider that holds many instances
     * overrides it to rule instances out before building them: for example by keeping its rows in
     * {@link org.replprov.wql.InstanceTable}s and sending {@link CompiledQuery#select} of each. Sending more than
     * the matches is allowed: the object manager tests each instance it receives against the query again. (WMI, too,
     * may enumerate the superset of a query and filter it when a provider finds the query too complex;
     * IWbemServices::ExecQueryAsync.)
     */
    default void queryInstances(ProviderContext ctx, CimClass cimClass, CompiledQuery query, InstanceSink out) {
        enumerateInstances(ctx, cimClass, out);
    }

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
