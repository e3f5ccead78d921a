package org.replprov.provider;

import org.replprov.cim.CimName;
import org.replprov.provider.spi.Indication;

/**
 * Which intrinsic events a subscription wants: those about instances of {@link #targetClass()} (or its subclasses)
 * that {@link #matches} accepts. A WQL event query ({@code SELECT * FROM __InstanceModificationEvent WHERE
 * TargetInstance ISA "DfsrConnectionInfo"}) compiles to one.
 */
public interface EventFilter {

    /** The class the events are about; the object manager enables indications for it and its subclasses. */
    CimName targetClass();

    /** True for an event the subscriber wants. Called on the provider's thread: must be quick and must not throw. */
    boolean matches(Indication indication);

    /** Every event of {@code kinds} about instances of {@code targetClass}. */
    static EventFilter of(CimName targetClass, java.util.Set<Indication.Kind> kinds) {
        java.util.Set<Indication.Kind> wanted = java.util.Set.copyOf(kinds);
        return new EventFilter() {
            @Override
            public CimName targetClass() {
                return targetClass;
            }

            @Override
            public boolean matches(Indication indication) {
                return wanted.contains(indication.kind());
            }
        };
    }
}
