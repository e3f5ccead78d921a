package org.replprov.server.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.UnrecoverableKeyException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.replprov.config.ConfigException;
import org.replprov.config.ConfigNode;
import org.replprov.config.YamlReader;
import org.replprov.server.security.PasswordHash;
import org.replprov.server.security.Role;
import org.replprov.server.security.User;

/**
 * The daemon's configuration, read from YAML and checked as a whole before anything starts.
 *
 * <pre>
 * listeners:                      # default: one plain listener on 127.0.0.1:5988
 *   - address: 127.0.0.1
 *     port: 5988
 *     names: [replprov.example.org]   # host names clients use besides localhost and the address (Host header)
 *     tls:                        # optional: HTTPS with this keystore
 *       keystore: keystore.p12
 *       keystoreType: PKCS12
 *       keystorePasswordFile: keystore.pass   # or keystorePasswordEnv: NAME
 * security:
 *   realm: replprov
 *   users:                        # none: no authentication, loopback listeners only
 *     - name: monitor
 *       passwordHash: "pbkdf2-sha256:…"        # replprov hash-password
 *       roles: [reader]                         # reader, operator
 * engine:
 *   name: embedded
 *   settings: {}                  # handed to the engine as dotted names (folders.docs.path)
 * engineFailure: exit             # or degraded: what serve does when the engine fails to start
 * stateDirectory: state
 * log:
 *   level: info                   # trace, debug, info, warn, error
 *   format: text                  # text, json
 *   access: false                 # one line per request (logger org.replprov.access)
 * limits: { … }                   # see {@link Limits}
 * </pre>
 *
 * <p>Relative paths are resolved against the directory of the configuration file.
 */
public record DaemonConfig(String source, List<Listener> listeners, Security security, Engine engine,
                           Path stateDirectory, Log log, Limits limits, EngineFailure engineFailure) {

    /**
     * What is allowed but unwise, for the daemon to warn about at start: a plain-HTTP listener on an address other
     * than loopback while users log in with HTTP Basic, which sends their passwords readable on the network.
     */
    public List<String> warnings() {
        if (!security.authenticationRequired()) {
            return List.of();
        }
        return listeners.stream().filter(l -> l.tls().isEmpty() && !l.loopback())
                .map(l -> "the listener " + l + " is plain HTTP on a network address: HTTP Basic sends passwords there "
                        + "in clear text; give it a tls: keystore (docs/daemon.md, Security) in " + source)
                .toList();
    }

    /** The resource holding the shipped example configuration, used when no file is given. */
    public static final String EXAMPLE_RESOURCE = "/org/replprov/server/replprov.example.yaml";

    public DaemonConfig {
        listeners = List.copyOf(listeners);
        Objects.requireNonNull(engineFailure, "engineFailure");
    }

    /** A configuration that exits when the engine fails to start, the default. */
    public DaemonConfig(String source, List<Listener> listeners, Security security, Engine engine,
                        Path stateDirectory, Log log, Limits limits) {
        this(source, listeners, security, engine, stateDirectory, log, limits, EngineFailure.EXIT);
    }

    /**
     * What {@code serve} does when the engine fails to start (its database unreadable, its upstream folder not
     * creatable): {@link #EXIT} with status 1 and the cause, or serve {@link #DEGRADED}, saying so in
     * {@code /healthz}, in the metric {@code replprov_engine_up} and in the log.
     */
    public enum EngineFailure { EXIT, DEGRADED }

    /** One listening socket, plain or TLS. */
    public record Listener(String address, int port, Optional<Tls> tls, List<String> names) {
        public Listener {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(tls, "tls");
            names = List.copyOf(names);
        }

        public Listener(String address, int port, Optional<Tls> tls) {
            this(address, port, tls, List.of());
        }

        /** True when the address is a loopback address (127.0.0.0/8, ::1, localhost). */
        public boolean loopback() {
            try {
                return InetAddress.getByName(address).isLoopbackAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }

        @Override
        public String toString() {
            return (tls.isPresent() ? "https://" : "http://") + (address.contains(":") ? "[" + address + "]" : address)
                    + ":" + port;
        }
    }

    /** A keystore holding the server's key and certificate chain. */
    public record Tls(Path keystore, String keystoreType, char[] keystorePassword) {
        @Override
        public String toString() {
            return "Tls[" + keystore + ", " + keystoreType + "]";
        }
    }

    /** Authentication realm and users; no users means no authentication. */
    public record Security(String realm, List<User> users) {
        public Security {
            users = List.copyOf(users);
        }

        public boolean authenticationRequired() {
            return !users.isEmpty();
        }
    }

    /**
     * The replication engine by name, and its settings: dotted names ({@code folders.docs.path}) to values.
     *
     * @param written where each setting was written, for errors the engine reports about one
     */
    public record Engine(String name, Map<String, String> settings, Map<String, ConfigNode> written) {
        public Engine {
            settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
            written = Map.copyOf(written);
        }

        static Engine read(ConfigNode node) {
            node.allowOnly("name", "settings");
            Map<String, ConfigNode> written = node.get("settings").flattened();
            Map<String, String> settings = new LinkedHashMap<>();
            written.forEach((k, v) -> settings.put(k, v.textOrEmpty()));
            return new Engine(node.get("name").string("embedded"), settings, written);
        }

        /**
         * The engine's complaint as a configuration error pointing at the setting it is about. Engines name the
         * settings they refuse by their dotted names, so the longest written one that {@code problem} mentions is
         * the culprit. Empty when it mentions none (a required setting that is missing, say).
         */
        public Optional<ConfigException> errorAbout(String problem) {
            return written.entrySet().stream()
                    .filter(e -> Pattern.compile("(?<![\\w.])" + Pattern.quote(e.getKey()) + "(?![\\w]|\\.\\w)")
                            .matcher(problem).find())
                    .max(Comparator.comparingInt(e -> e.getKey().length()))
                    .map(e -> e.getValue().error(problem));
        }
    }

    /**
     * The root log level, the line format, and whether the access log (logger {@code org.replprov.access}, one line
     * per request) is written.
     */
    public record Log(String level, String format, boolean access) {
        /** Without the access log, as shipped. */
        public Log(String level, String format) {
            this(level, format, false);
        }
    }

    // ---- loading ----------------------------------------------------------------------------------------------

    /**
     * Reads and checks a configuration file.
     *
     * @throws ConfigException naming the file, line and key of the first problem
     */
    public static DaemonConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file.toString(), 1, 1, "", "no such file");
        } catch (IOException e) {
            throw new ConfigException(file.toString(), 1, 1, "", "cannot be read: " + e.getMessage());
        }
        Path dir = file.toAbsolutePath().getParent();
        return parse(file.toString(), text, dir);
    }

    /** The shipped example configuration; relative paths resolve against the working directory. */
    public static DaemonConfig example() {
        try (InputStream in = DaemonConfig.class.getResourceAsStream(EXAMPLE_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the example configuration is missing from the build");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return parse("replprov.example.yaml", text, Path.of("").toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads and checks configuration text.
     *
     * @param source  the name used in error messages
     * @param baseDir the directory relative paths resolve against
     */
    public static DaemonConfig parse(String source, String text, Path baseDir) {
        ConfigNode root = YamlReader.read(source, text);
        root.allowOnly("listeners", "security", "engine", "engineFailure", "stateDirectory", "log", "limits");
        Security security = security(root.get("security"));
        List<Listener> listeners = listeners(root.get("listeners"), baseDir, security);
        ConfigNode log = root.get("log").allowOnly("level", "format", "access");
        return new DaemonConfig(source, listeners, security,
                Engine.read(root.get("engine")),
                baseDir.resolve(root.get("stateDirectory").string("state")).normalize(),
                new Log(log.get("level").choice("info", "trace", "debug", "info", "warn", "error"),
                        log.get("format").choice("text", "text", "json"), log.get("access").bool(false)),
                Limits.read(root.get("limits")),
                EngineFailure.valueOf(root.get("engineFailure").choice("exit", "exit", "degraded")
                        .toUpperCase(Locale.ROOT)));
    }

    private static List<Listener> listeners(ConfigNode node, Path baseDir, Security security) {
        if (!node.present()) {
            return List.of(new Listener("127.0.0.1", 5988, Optional.empty()));
        }
        List<ConfigNode> elements = node.elements();
        if (elements.isEmpty()) {
            throw node.error("must name at least one listener");
        }
        List<Listener> out = new ArrayList<>();
        for (ConfigNode l : elements) {
            l.allowOnly("address", "port", "tls", "names");
            ConfigNode tls = l.get("tls");
            List<String> names = new ArrayList<>();
            for (ConfigNode name : l.get("names").elements()) {
                String n = name.string().trim();
                if (!n.matches("[A-Za-z0-9]([A-Za-z0-9.-]{0,252})")) {
                    throw name.error("'" + n + "' is not a host name");
                }
                names.add(n);
            }
            Listener listener = new Listener(l.get("address").string("127.0.0.1").trim(),
                    l.get("port").integer(5988, 0, 65535),
                    tls.present() ? Optional.of(tls(tls, baseDir)) : Optional.empty(), names);
            if (!listener.loopback() && !security.authenticationRequired()) {
                throw l.get("address").error("the daemon does not listen on the non-loopback address "
                        + listener.address() + " without authentication: add users under security.users");
            }
            if (out.stream().anyMatch(o -> o.address().equals(listener.address()) && o.port() == listener.port()
                    && listener.port() != 0)) {
                throw l.error("listens on " + listener.address() + ":" + listener.port() + " twice");
            }
            out.add(listener);
        }
        return out;
    }

    private static Tls tls(ConfigNode n, Path baseDir) {
        n.allowOnly("keystore", "keystoreType", "keystorePasswordFile", "keystorePasswordEnv");
        Path keystore = baseDir.resolve(n.get("keystore").string());
        if (!Files.isReadable(keystore)) {
            throw n.get("keystore").error("cannot read " + keystore);
        }
        ConfigNode file = n.get("keystorePasswordFile");
        ConfigNode env = n.get("keystorePasswordEnv");
        char[] password;
        if (file.present() == env.present()) {
            throw n.error("needs exactly one of keystorePasswordFile and keystorePasswordEnv");
        } else if (file.present()) {
            Path p = baseDir.resolve(file.string());
            try {
                password = Files.readString(p, StandardCharsets.UTF_8).strip().toCharArray();
            } catch (IOException e) {
                throw file.error("cannot read " + p + ": " + e.getMessage());
            }
        } else {
            String value = System.getenv(env.string());
            if (value == null) {
                throw env.error("the environment variable " + env.string() + " is not set");
            }
            password = value.toCharArray();
        }
        String type = n.get("keystoreType").string("PKCS12");
        openKeystore(keystore, type, password, n, file.present() ? file : env);
        return new Tls(keystore, type, password);
    }

    /**
     * Opens the keystore now, so that a wrong password or a file that is no keystore is reported with the line of
     * the setting at fault, before anything starts.
     */
    private static void openKeystore(Path keystore, String type, char[] password, ConfigNode tls,
                                     ConfigNode passwordSetting) {
        KeyStore ks;
        try {
            ks = KeyStore.getInstance(type);
        } catch (KeyStoreException e) {
            throw tls.get("keystoreType").error("this Java has no keystore type " + type);
        }
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, password);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw passwordSetting.error("the password does not open the keystore " + keystore
                        + " (" + e.getMessage() + ")");
            }
            throw tls.get("keystore").error("cannot open " + keystore + " as a " + type + " keystore: "
                    + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw tls.get("keystore").error("cannot open " + keystore + " as a " + type + " keystore: "
                    + e.getMessage());
        }
    }

    private static Security security(ConfigNode n) {
        n.allowOnly("realm", "users");
        String realm = n.get("realm").string("replprov");
        if (realm.contains("\"") || realm.contains("\\")) {
            throw n.get("realm").error("must not contain quotes or backslashes");
        }
        List<User> users = new ArrayList<>();
        List<ConfigNode> hashNodes = new ArrayList<>();
        for (ConfigNode u : n.get("users").elements()) {
            u.allowOnly("name", "passwordHash", "roles");
            String name = u.get("name").string();
            if (name.contains(":")) {
                throw u.get("name").error("must not contain ':' (HTTP Basic separates user and password with it)");
            }
            if (users.stream().anyMatch(o -> o.name().equals(name))) {
                throw u.get("name").error("user " + name + " is defined twice");
            }
            ConfigNode hashNode = u.get("passwordHash");
            PasswordHash hash;
            try {
                hash = PasswordHash.parse(hashNode.string());
            } catch (IllegalArgumentException e) {
                throw hashNode.error(e.getMessage() + " (make one with: replprov hash-password)");
            }
            Set<Role> roles = EnumSet.noneOf(Role.class);
            for (ConfigNode r : u.get("roles").elements()) {
                String role = r.choice(null, "reader", "operator");
                roles.add(Role.valueOf(role.toUpperCase(Locale.ROOT)));
            }
            if (roles.isEmpty()) {
                throw u.get("roles").error("must list at least one role: reader or operator");
            }
            users.add(new User(name, hash, roles));
            hashNodes.add(hashNode);
        }
        // One PBKDF2 computation per user (a fraction of a second each), in parallel.
        IntStream.range(0, users.size()).parallel()
                .filter(i -> users.get(i).passwordHash().ofEmptyPassword()).boxed().findFirst()
                .ifPresent(i -> {
                    throw hashNodes.get(i).error("is the hash of an empty password, which the daemon refuses: "
                            + "make one of a real password with: replprov hash-password");
                });
        return new Security(realm, users);
    }
}
