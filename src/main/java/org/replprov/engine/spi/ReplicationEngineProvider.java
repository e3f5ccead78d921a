package org.replprov.engine.spi;

/**
 * The {@link java.util.ServiceLoader} entry point of an engine adapter: a name for the configuration and a factory.
 *
 * <p>Implementations need a public no-argument constructor and must be cheap to construct: the loader instantiates
 * every registered provider to read its name, then calls {@link #create} only on the one the configuration chose.
 */
public interface ReplicationEngineProvider {

    /** The name the configuration uses to choose this adapter: lower case, no spaces ({@code "syncthing"}). */
    String name();

    /**
     * Creates the engine. Called at most once per start-up.
     *
     * @throws EngineException when the engine cannot be created (bad settings, missing executable)
     */
    ReplicationEngine create(EngineContext context) throws EngineException;
}
