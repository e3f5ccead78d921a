package org.replprov.cli;

import java.net.URI;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * How to reach a running daemon: its URL, the user and where the password comes from, and a certificate to trust.
 * A mixin of the client commands and an argument group of {@code query}; unset options fall back to the environment
 * ({@code REPLPROV_URL}, {@code REPLPROV_USER}) and then to the defaults.
 */
final class ConnectionOptions {

    static final URI DEFAULT_URL = URI.create("http://127.0.0.1:5988");
    static final String DEFAULT_PASSWORD_ENV = "REPLPROV_PASSWORD";

    @Option(names = "--url", paramLabel = "URL",
            description = "Daemon base URL (default: $REPLPROV_URL, else " + "http://127.0.0.1:5988).")
    URI url;

    @Option(names = "--user", paramLabel = "NAME",
            description = "User name for HTTP Basic authentication (default: $REPLPROV_USER, else none).")
    String user;

    @Option(names = "--password-env", paramLabel = "NAME",
            description = "Environment variable holding the password (default: " + DEFAULT_PASSWORD_ENV + ").")
    String passwordEnv;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "File holding the password (first line); overrides --password-env.")
    Path passwordFile;

    @Option(names = "--cacert", paramLabel = "FILE",
            description = "Trust this certificate (PEM or DER) for https URLs, e.g. one made by 'replprov cert'.")
    Path caCert;

    URI url() {
        if (url != null) {
            return url;
        }
        String env = System.getenv("REPLPROV_URL");
        return env == null || env.isBlank() ? DEFAULT_URL : URI.create(env.trim());
    }

    /** The user, or null for no credentials. */
    String user() {
        if (user != null) {
            return user;
        }
        String env = System.getenv("REPLPROV_USER");
        return env == null || env.isBlank() ? null : env;
    }

    String passwordEnv() {
        return passwordEnv == null ? DEFAULT_PASSWORD_ENV : passwordEnv;
    }
}
