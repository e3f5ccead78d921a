package org.replprov.config;

/**
 * The configuration cannot be used: an engine type that matches no adapter or several, a state database that is
 * corrupt or was written by a newer version. Start-up stops with {@link #getMessage()}; the command line maps it to
 * exit code 2.
 */
public class ConfigurationException extends RuntimeException {

    public ConfigurationException(String message) {
        super(message);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
