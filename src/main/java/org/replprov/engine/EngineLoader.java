package org.replprov.engine;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.ServiceConfigurationError;
import java.util.stream.Collectors;

import org.replprov.config.ConfigException;
import org.replprov.config.ConfigurationException;
import org.replprov.engine.spi.EngineContext;
import org.replprov.engine.spi.EngineException;
import org.replprov.engine.spi.ReplicationEngine;
import org.replprov.engine.spi.ReplicationEngineProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses an engine adapter by the type of an engine instance in the configuration. There is no fallback: a name that matches no adapter,
 * or several, stops start-up with a message listing every adapter found (and every registration that could not be
 * loaded), so that an operator sees at once what is on the class path.
 */
public final class EngineLoader {

    private static final Logger log = LoggerFactory.getLogger(EngineLoader.class);

    /** A broken registration can make a lazy iterator fail on every step; stop listing after this many. */
    private static final int MAX_BROKEN = 100;

    private final List<ReplicationEngineProvider> found;
    private final List<String> broken;

    public EngineLoader(ComponentLoader loader) {
        List<ReplicationEngineProvider> ok = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        Iterator<ReplicationEngineProvider> it = loader.providers();
        while (bad.size() < MAX_BROKEN) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                ReplicationEngineProvider p = it.next();
                String name = p.name(); // a provider whose name cannot be read cannot be chosen
                if (name == null || name.isBlank()) {
                    throw new IllegalStateException(p.getClass().getName() + " has no name");
                }
                ok.add(p);
            } catch (ServiceConfigurationError | RuntimeException e) {
                log.warn("Skipping an engine adapter that cannot be loaded: {}", e.toString());
                bad.add(e.getMessage() == null ? e.toString() : e.getMessage());
            }
        }
        this.found = List.copyOf(ok);
        this.broken = List.copyOf(bad);
    }

    /** The loader over {@link java.util.ServiceLoader} with this class's class loader. */
    public static EngineLoader fromClassPath() {
        return new EngineLoader(ComponentLoader.serviceLoader(EngineLoader.class.getClassLoader()));
    }

    /** The names of the adapters found, sorted. */
    public List<String> names() {
        return found.stream().map(ReplicationEngineProvider::name).sorted().toList();
    }

    /**
     * The one adapter called {@code name} (case-insensitively).
     *
     * @throws ConfigurationException when none or several are called so
     */
    public ReplicationEngineProvider select(String name) {
        String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        List<ReplicationEngineProvider> matches = found.stream()
                .filter(p -> p.name().toLowerCase(Locale.ROOT).equals(wanted)).toList();
        if (matches.size() == 1) {
            ReplicationEngineProvider p = matches.get(0);
            log.info("Engine adapter '{}' chosen ({})", p.name(), p.getClass().getName());
            return p;
        }
        String problem = matches.isEmpty()
                ? (wanted.isEmpty() ? "no engine type configured" : "unknown engine type '" + name + "'")
                : "engine type '" + name + "' is ambiguous: " + matches.size() + " adapters are called so";
        throw new ConfigurationException(problem + "; " + describeFound());
    }

    /**
     * Chooses the adapter {@code context.type()} and creates the instance's engine.
     *
     * @throws ConfigException pointing at the instance when its type selects no adapter or several, or at the
     *     setting the adapter refuses
     * @throws ConfigurationException when the adapter cannot create its engine for another reason
     */
    public ReplicationEngine create(EngineContext context) {
        return create(select(context), context);
    }

    /** The adapter {@code context.type()} names; an error points at the instance in the configuration. */
    public ReplicationEngineProvider select(EngineContext context) {
        try {
            return select(context.type());
        } catch (ConfigurationException e) {
            throw context.settings().error(e.getMessage());
        }
    }

    /**
     * Creates the instance's engine with adapter {@code p}.
     *
     * @throws ConfigException pointing at the setting the adapter refuses
     * @throws ConfigurationException when the adapter cannot create its engine for another reason
     */
    public ReplicationEngine create(ReplicationEngineProvider p, EngineContext context) {
        try {
            return p.create(context);
        } catch (ConfigException e) {
            throw e; // names the file, line and key already
        } catch (EngineException | RuntimeException e) {
            throw new ConfigurationException("engine instance '" + context.instance() + "' (type " + p.name()
                    + ") could not be created: " + e.getMessage(), e);
        }
    }

    private String describeFound() {
        String list = found.isEmpty() ? "no engine adapters found on the class path"
                : "engines found: " + found.stream()
                        .map(p -> p.name() + " (" + p.getClass().getName() + ")").sorted()
                        .collect(Collectors.joining(", "));
        return broken.isEmpty() ? list : list + "; could not load: " + String.join("; ", broken);
    }
}
