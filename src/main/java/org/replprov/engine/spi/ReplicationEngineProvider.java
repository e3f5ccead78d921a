package org.replprov.engine.spi;

import java.util.List;

/**
 * The {@link java.util.ServiceLoader} entry point of an engine adapter: its type name for the configuration, a factory
 * for its instances, and the HTTP endpoints the type serves for all its instances together.
 *
 * <p>Implementations need a public no-argument constructor and must be cheap to construct: the loader instantiates
 * every registered provider to read its name, then calls {@link #create} once per configured instance of its type.
 */
public interface ReplicationEngineProvider {

    /** The type the configuration chooses this adapter by: lower case, no spaces ({@code "syncthing"}). */
    String name();

    /**
     * Creates one engine instance.
     *
     * @throws EngineException when the engine cannot be created (bad settings, missing executable)
     */
    ReplicationEngine create(EngineContext context) throws EngineException;

    /**
     * The HTTP endpoints the daemon mounts for this type's instances, each under its own prefix; none unless the
     * engine speaks a protocol of its own. Asked once, after every instance was created, with the instances this
     * provider created: one endpoint serves them all (the embedded peer protocol finds the instance by the
     * replication group a message names). Requests may reach an endpoint before an instance starts and after it
     * closes, and must then be refused in the endpoint's protocol.
     */
    default List<EngineEndpoint> endpoints(List<ReplicationEngine> instances) {
        return List.of();
    }
}
