package org.replprov.cli;

import java.net.URI;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every command that talks to a running daemon shares. */
final class ClientOptions {

    /** Output formats of the client commands. */
    enum Format { table, json, csv }

    @Option(names = "--url", defaultValue = "${REPLPROV_URL:-http://127.0.0.1:5988}",
            description = "Daemon base URL (default: ${DEFAULT-VALUE}; env REPLPROV_URL).")
    URI url;

    @Option(names = "--user", defaultValue = "${REPLPROV_USER}",
            description = "User name for HTTP Basic authentication (env REPLPROV_USER).")
    String user;

    @Option(names = "--password-env", defaultValue = "REPLPROV_PASSWORD", paramLabel = "NAME",
            description = "Environment variable holding the password (default: ${DEFAULT-VALUE}).")
    String passwordEnv;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "File holding the password (first line); overrides --password-env.")
    Path passwordFile;

    @Option(names = "--cacert", paramLabel = "FILE",
            description = "Trust this certificate (PEM or DER) for https URLs, e.g. one made by 'replprov cert'.")
    Path caCert;

    @Option(names = {"-n", "--namespace"}, defaultValue = "root/MicrosoftDfs",
            description = "CIM namespace (default: ${DEFAULT-VALUE}).")
    String namespace;

    @Option(names = {"-o", "--output"}, defaultValue = "table",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format output;
}
