/**
 * Finding and guarding engine adapters: {@link org.replprov.engine.EngineLoader} chooses the adapter an engine instance
 * ({@link org.replprov.engine.EngineInstance}: name, type and settings in the configuration)
 * names among those {@link java.util.ServiceLoader} finds; {@link org.replprov.engine.TimedEngine} puts a timeout and
 * a thread pool of its own around every call to it, so that a slow or broken adapter blocks nobody else.
 *
 * <p>Imports {@code engine.spi}, {@code config} and the JDK; nothing from CIM or the providers.
 */
package org.replprov.engine;
