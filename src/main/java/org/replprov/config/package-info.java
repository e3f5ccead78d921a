/**
 * Configuration shared by every layer: {@link org.replprov.config.ConfigurationException} for what stops start-up,
 * and the configuration library that reads a YAML file into {@link org.replprov.config.ConfigNode}s that keep their
 * line and column, so that every error ({@link org.replprov.config.ConfigException}) names the file, the line and
 * the key. One library and one duration grammar for the daemon's settings and, through the engine host, an engine's.
 *
 * <p>Imports only the JDK and the YAML reader.
 */
package org.replprov.config;
