package org.replprov.provider.spi;

import org.replprov.cim.CimClass;

/**
 * Raises intrinsic events (creation, modification with the previous instance, deletion) for the instances of the
 * classes a provider is registered for.
 *
 * <p>The object manager enables a class when the first subscription that can match it arrives and disables it when
 * the last one goes, so a provider does the work of building events only while someone listens. The object manager
 * checks each indication's instances as it checks enumerated ones; a malformed indication is dropped and logged,
 * naming the provider.
 */
public interface IndicationProvider extends Provider {

    /** Starts sending the events about instances of {@code cimClass} to {@code sink}, from any thread. */
    void enableIndications(ProviderContext ctx, CimClass cimClass, IndicationSink sink);

    /** Stops sending events about instances of {@code cimClass}. */
    void disableIndications(ProviderContext ctx, CimClass cimClass);
}
