/**
 * The engine host: {@link org.replprov.engine.EngineHost} owns a daemon's engine instances (each an
 * {@link org.replprov.engine.EngineInstance} of the configuration: name, type and settings, created by type through
 * {@link org.replprov.engine.EngineLoader}), starts and closes them, puts a timeout and threads of their own around
 * every call ({@link org.replprov.engine.TimedEngine}), and fans every fact an engine reports out to the class
 * modules that subscribed ({@link org.replprov.engine.EngineEvents}), named by the instance that reported it.
 *
 * <p>Imports {@code engine.spi}, {@code config}, {@code log} and the JDK; nothing from CIM or the providers.
 */
package org.replprov.engine;
