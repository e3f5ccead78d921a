package org.replprov.provider;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.replprov.cim.CimClass;
import org.replprov.cim.CimException;
import org.replprov.cim.CimName;
import org.replprov.cim.CimObjectPath;
import org.replprov.cim.WbemStatus;
import org.replprov.provider.spi.IndicationProvider;
import org.replprov.provider.spi.InstanceProvider;
import org.replprov.provider.spi.MethodProvider;
import org.replprov.provider.spi.Provider;
import org.replprov.repository.ClassRepository;

/**
 * Which provider serves which class in which namespace, for each of the three SPIs. A provider object that
 * implements several SPIs serves the class through each. Immutable once built.
 */
public final class ProviderRegistry {

    /** The providers of one class. Each may be null. */
    record Entry(InstanceProvider instances, MethodProvider methods, IndicationProvider indications) {
    }

    private record Key(String namespace, CimName className) {
    }

    private final Map<Key, Entry> entries;
    private final List<Provider> providers;

    private ProviderRegistry(Map<Key, Entry> entries, List<Provider> providers) {
        this.entries = entries;
        this.providers = providers;
    }

    static String namespaceKey(String namespace) {
        return CimObjectPath.normalizeNamespace(namespace).toLowerCase(Locale.ROOT);
    }

    Optional<Entry> entry(String namespace, CimName className) {
        return Optional.ofNullable(entries.get(new Key(namespaceKey(namespace), className)));
    }

    /** Every registered provider, once each, in registration order. */
    List<Provider> providers() {
        return providers;
    }

    static Builder builder(ClassRepository repository) {
        return new Builder(repository);
    }

    static final class Builder {
        private final ClassRepository repository;
        private final Map<Key, Entry> entries = new LinkedHashMap<>();
        private final Map<Provider, Boolean> providers = new IdentityHashMap<>();
        private final List<Provider> order = new ArrayList<>();

        private Builder(ClassRepository repository) {
            this.repository = repository;
        }

        /**
         * Registers {@code provider} for {@code className} through every SPI it implements.
         *
         * @throws CimException WBEM_E_INVALID_NAMESPACE or WBEM_E_INVALID_CLASS when the class does not exist;
         *     WBEM_E_ALREADY_EXISTS when another provider serves the class through the same SPI;
         *     WBEM_E_INVALID_PARAMETER when the object implements none of them
         */
        Builder register(String namespace, CimName className, Provider provider) {
            Objects.requireNonNull(provider, "provider");
            CimClass c = repository.requireClass(namespace, className);
            Key key = new Key(namespaceKey(namespace), c.name());
            Entry old = entries.getOrDefault(key, new Entry(null, null, null));
            InstanceProvider ip = provider instanceof InstanceProvider p ? p : null;
            MethodProvider mp = provider instanceof MethodProvider p ? p : null;
            IndicationProvider np = provider instanceof IndicationProvider p ? p : null;
            if (ip == null && mp == null && np == null) {
                throw new CimException(WbemStatus.WBEM_E_INVALID_PARAMETER, "provider '" + provider.name()
                        + "' implements none of InstanceProvider, MethodProvider, IndicationProvider");
            }
            entries.put(key, new Entry(merge(old.instances(), ip, c, provider), merge(old.methods(), mp, c, provider),
                    merge(old.indications(), np, c, provider)));
            if (providers.put(provider, Boolean.TRUE) == null) {
                order.add(provider);
            }
            return this;
        }

        private static <T extends Provider> T merge(T old, T add, CimClass c, Provider provider) {
            if (add == null) {
                return old;
            }
            if (old != null && old != add) {
                throw new CimException(WbemStatus.WBEM_E_ALREADY_EXISTS, "class " + c.name() + " already has provider '"
                        + old.name() + "'; cannot register '" + provider.name() + "' for the same role");
            }
            return add;
        }

        ProviderRegistry build() {
            return new ProviderRegistry(Collections.unmodifiableMap(new LinkedHashMap<>(entries)),
                    List.copyOf(order));
        }
    }
}
