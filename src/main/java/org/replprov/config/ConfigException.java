package org.replprov.config;

/**
 * The configuration file cannot be used. The message names the file, the line and column, and the key, as
 * {@code replprov.yaml:14:5: limits.maxConnections: must be a whole number, not 'lots'}; start-up stops with it.
 */
public final class ConfigException extends ConfigurationException {

    private final String source;
    private final int line;
    private final int column;
    private final String key;

    public ConfigException(String source, int line, int column, String key, String problem) {
        super(source + ":" + line + ":" + column + ": " + (key.isEmpty() ? "" : key + ": ") + problem);
        this.source = source;
        this.line = line;
        this.column = column;
        this.key = key;
    }

    /** The file (or resource) the configuration came from. */
    public String source() {
        return source;
    }

    /** 1-based line of the offending value, or of the mapping that lacks a required key. */
    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** The dotted key path: {@code listeners[1].tls.keystore}. */
    public String key() {
        return key;
    }
}
