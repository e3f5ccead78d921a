/**
 * The daemon's configuration: the YAML file read (with {@link org.replprov.config.YamlReader}) into immutable records,
 * every value checked at start-up, every error naming the file, the line and the key. Defaults make an empty file a
 * working loopback configuration.
 */
package org.replprov.server.config;
