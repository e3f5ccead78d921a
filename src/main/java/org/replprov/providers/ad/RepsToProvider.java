package org.replprov.providers.ad;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.replprov.cim.CimClass;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimObjectPath;
import org.replprov.cim.CimValue;
import org.replprov.config.ConfigurationException;
import org.replprov.engine.spi.RepsToEntry;
import org.replprov.engine.spi.RepsToListener;
import org.replprov.engine.spi.RepsToSource;
import org.replprov.provider.spi.Indication;
import org.replprov.provider.spi.IndicationProvider;
import org.replprov.provider.spi.IndicationSink;
import org.replprov.provider.spi.InstanceProvider;
import org.replprov.provider.spi.InstanceSink;
import org.replprov.provider.spi.ProviderContext;
import org.replprov.cim.Guids;
import org.replprov.repository.ClassRepository;

/**
 * The ReplProv_RepsTo provider: an instance for every {@code repsTo} value its source holds, and a creation,
 * modification or deletion event for every change the source reports. Register it with an object manager for
 * {@link RepsToSchema#CLASS} in {@link RepsToSchema#NAMESPACE}.
 *
 * <p>Queries read the source, which answers from memory. The provider does not own the source: engine adapters fill
 * it and whoever created it closes it; closing the provider only stops listening.
 */
public final class RepsToProvider implements InstanceProvider, IndicationProvider {

    public static final String NAME = "repsto";

    private final RepsToSource source;
    private final Clock clock;
    private final RepsToListener listener = this::changed;
    private volatile Events events;

    /** Where change events go while indications are enabled. */
    private record Events(CimClass cimClass, IndicationSink sink) {
    }

    private RepsToProvider(Builder b) {
        this.source = b.source;
        this.clock = b.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return NAME;
    }

    // ---- instances --------------------------------------------------------------------------------------------

    @Override
    public void enumerateInstances(ProviderContext ctx, CimClass cimClass, InstanceSink out) {
        for (RepsToEntry entry : source.repsTo()) {
            out.accept(RepsToInstances.build(cimClass, entry));
        }
    }

    /** Finds the value by its keys; UuidDsa may be written in either case and in braces, as DfsrConnectionInfo's. */
    @Override
    public Optional<CimInstance> getInstance(ProviderContext ctx, CimClass cimClass, CimObjectPath path) {
        Optional<String> namingContext = path.key(RepsToSchema.NAMING_CONTEXT).map(CimValue::text);
        Optional<UUID> uuidDsa = path.key(RepsToSchema.UUID_DSA).flatMap(v -> Guids.parse(v.text()));
        if (namingContext.isEmpty() || uuidDsa.isEmpty()) {
            return Optional.empty();
        }
        RepsToEntry.Key wanted = new RepsToEntry.Key(namingContext.get(), uuidDsa.get());
        return source.repsTo().stream().filter(e -> e.key().equals(wanted)).findFirst()
                .map(e -> RepsToInstances.build(cimClass, e));
    }

    // ---- indications ------------------------------------------------------------------------------------------

    @Override
    public void enableIndications(ProviderContext ctx, CimClass cimClass, IndicationSink sink) {
        events = new Events(cimClass, sink);
    }

    @Override
    public void disableIndications(ProviderContext ctx, CimClass cimClass) {
        events = null;
    }

    /** Called by the source in the order the changes happened, so events leave in that order. */
    private void changed(RepsToEntry before, RepsToEntry after) {
        Events e = events;
        if (e == null) {
            return;
        }
        if (before == null) {
            e.sink().deliver(Indication.created(RepsToInstances.build(e.cimClass(), after), clock.instant()));
        } else if (after == null) {
            e.sink().deliver(Indication.deleted(RepsToInstances.build(e.cimClass(), before), clock.instant()));
        } else {
            CimInstance previous = RepsToInstances.build(e.cimClass(), before);
            CimInstance target = RepsToInstances.build(e.cimClass(), after);
            // A source may report a change the class cannot show: the same value again, or a time CIM cannot write.
            if (!previous.equals(target)) {
                e.sink().deliver(Indication.modified(previous, target, clock.instant()));
            }
        }
    }

    // ---- life cycle -------------------------------------------------------------------------------------------

    /** Stops listening to the source; the source itself stays open. */
    @Override
    public void close() {
        source.removeListener(listener);
    }

    /** Builds a provider; {@link #build()} starts listening to the source. */
    public static final class Builder {
        private CimClass cimClass;
        private RepsToSource source;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /**
         * Checks that ReplProv_RepsTo in {@code repository} (namespace {@value RepsToSchema#NAMESPACE}) fits the
         * provider.
         */
        public Builder schema(ClassRepository repository) {
            return cimClass(repository.getClass(RepsToSchema.NAMESPACE, RepsToSchema.CLASS).orElseThrow(() ->
                    new ConfigurationException("the schema has no class " + RepsToSchema.CLASS + " in namespace "
                            + RepsToSchema.NAMESPACE)));
        }

        /** Checks that {@code c} fits the provider. */
        public Builder cimClass(CimClass c) {
            List<String> problems = RepsToSchema.check(c);
            if (!problems.isEmpty()) {
                throw new ConfigurationException("the ReplProv_RepsTo class does not fit the provider: "
                        + String.join("; ", problems));
            }
            this.cimClass = c;
            return this;
        }

        /** Where the values come from: a store engine adapters fill, or an adapter's own list. */
        public Builder source(RepsToSource s) {
            this.source = Objects.requireNonNull(s, "source");
            return this;
        }

        /** The clock the events' TIME_CREATED comes from (default: the system clock). */
        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c, "clock");
            return this;
        }

        /** Starts listening to the source and returns the provider. */
        public RepsToProvider build() {
            if (cimClass == null) {
                throw new ConfigurationException("no ReplProv_RepsTo class: call schema(...) first");
            }
            if (source == null) {
                throw new ConfigurationException("no repsTo source: call source(...) first");
            }
            RepsToProvider p = new RepsToProvider(this);
            source.addListener(p.listener);
            return p;
        }
    }
}
