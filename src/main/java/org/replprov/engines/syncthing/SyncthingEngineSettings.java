package org.replprov.engines.syncthing;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;

import org.replprov.config.ConfigNode;
import org.replprov.engines.syncthing.rest.ApiKey;
import org.replprov.engines.syncthing.rest.SyncthingSettings;

/**
 * A {@code syncthing} engine instance's settings, read from its keys in the configuration:
 *
 * <pre>
 * engines:
 *   st:
 *     type: syncthing
 *     url: http://127.0.0.1:8384          # Syncthing's GUI / REST listener (required)
 *     apiKeyEnv: SYNCTHING_API_KEY        # the API key from this environment variable, or:
 *     apiKeyFile: /etc/replprov/st.key    # ... from this file (one of the two)
 *     caFile: /var/lib/syncthing/https-cert.pem   # for an https:// URL: the GUI certificate or its CA
 *     group: Syncthing                    # ReplicationGroupName (default Syncthing)
 * </pre>
 *
 * The API key is read here and kept only inside {@link ApiKey}, which never prints it.
 *
 * @param client how to reach the REST API
 * @param group the replication group's name; its GUID is derived from it ({@link Ids#group})
 */
record SyncthingEngineSettings(SyncthingSettings client, String group) {

    static final String DEFAULT_GROUP = "Syncthing";
    /** A key file is a line of text: anything much longer is the wrong file. */
    private static final long MAX_KEY_FILE = 4096;
    private static final long MAX_CA_FILE = 1 << 20;

    SyncthingEngineSettings {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(group, "group");
    }

    /** Reads {@code node}; every problem is a ConfigException naming the file, line, column and key. */
    static SyncthingEngineSettings from(ConfigNode node, Function<String, String> env) {
        node.allowOnly("url", "apiKeyEnv", "apiKeyFile", "caFile", "group");
        ConfigNode urlNode = node.get("url");
        if (!urlNode.present()) {
            throw urlNode.error("the Syncthing REST URL is required (for example http://127.0.0.1:8384)");
        }
        URI url;
        try {
            url = new URI(urlNode.string());
        } catch (URISyntaxException e) {
            throw urlNode.error("not a URL: " + e.getMessage());
        }
        ApiKey key = apiKey(node, env);
        SyncthingSettings client;
        try {
            client = SyncthingSettings.of(url, key);
        } catch (IllegalArgumentException e) {
            throw urlNode.error(e.getMessage());
        }
        ConfigNode ca = node.get("caFile");
        if (ca.present()) {
            if (!"https".equals(url.getScheme())) {
                throw ca.error("caFile is for an https:// URL; the URL is " + url.getScheme() + "://");
            }
            client = client.withCaPem(readText(ca, MAX_CA_FILE, "CA file"));
        }
        ConfigNode groupNode = node.get("group");
        String group = groupNode.present() ? groupNode.string() : DEFAULT_GROUP;
        if (group.isBlank()) {
            throw groupNode.error("the replication group name is empty");
        }
        return new SyncthingEngineSettings(client, group);
    }

    private static ApiKey apiKey(ConfigNode node, Function<String, String> env) {
        ConfigNode fromEnv = node.get("apiKeyEnv");
        ConfigNode fromFile = node.get("apiKeyFile");
        if (fromEnv.present() == fromFile.present()) {
            throw node.error("give the Syncthing API key with exactly one of apiKeyEnv (an environment variable's "
                    + "name) or apiKeyFile (a file holding it)");
        }
        String value;
        ConfigNode where;
        if (fromEnv.present()) {
            where = fromEnv;
            value = env.apply(fromEnv.string());
            if (value == null || value.isBlank()) {
                throw fromEnv.error("the environment has no " + fromEnv.string() + " (or it is empty)");
            }
        } else {
            where = fromFile;
            value = readText(fromFile, MAX_KEY_FILE, "API key file");
        }
        try {
            // A key file usually ends with a line break; the key itself has no white space.
            return ApiKey.of(value.strip());
        } catch (IllegalArgumentException e) {
            throw where.error(e.getMessage());
        }
    }

    private static String readText(ConfigNode node, long max, String what) {
        Path file = Path.of(node.string());
        try {
            long size = Files.size(file);
            if (size > max) {
                throw node.error("the " + what + " " + file + " has " + size + " bytes, more than " + max);
            }
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            // The message names the file and the reason; it never holds the file's content.
            throw node.error("cannot read the " + what + " " + file + ": " + e);
        }
    }
}
