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
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.replprov.config.ConfigException;
import org.replprov.config.ConfigNode;
import org.replprov.config.YamlReader;
import org.replprov.engine.EngineInstance;
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
 * engines:                       # default: one instance called embedded, of type embedded, without settings
 *   sysvol:                       # the instance's name: logs, metrics labels, errors, state/engines/sysvol
 *     type: embedded              # the adapter (ReplicationEngineProvider.name())
 *     group: Demo                 # the other keys are the instance's settings, handed to it as written
 * engineFailure: exit             # or degraded: what serve does when an engine fails to start
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
public record DaemonConfig(String source, List<Listener> listeners, Security security, List<EngineInstance> engines,
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

    /** The instance a configuration without {@code engines} gets, as {@code replprov serve} always had. */
    public static final String DEFAULT_ENGINE = "embedded";

    public DaemonConfig {
        listeners = List.copyOf(listeners);
        engines = List.copyOf(engines);
        Objects.requireNonNull(engineFailure, "engineFailure");
    }

    /** A configuration that exits when the engine fails to start, the default. */
    public DaemonConfig(String source, List<Listener> listeners, Security security, List<EngineInstance> engines,
                        Path stateDirectory, Log log, Limits limits) {
        this(source, listeners, security, engines, stateDirectory, log, limits, EngineFailure.EXIT);
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

    /** The directory an engine instance keeps its state in: {@code <stateDirectory>/engines/<instance>}. */
    public Path engineStateDirectory(EngineInstance instance) {
        return stateDirectory.resolve("engines").resolve(instance.name());
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
        if (root.keys().contains("engine")) {
            throw replaced(root.get("engine"));
        }
        root.allowOnly("listeners", "security", "engines", "engineFailure", "stateDirectory", "log", "limits");
        Security security = security(root.get("security"));
        List<Listener> listeners = listeners(root.get("listeners"), baseDir, security);
        ConfigNode log = root.get("log").allowOnly("level", "format", "access");
        return new DaemonConfig(source, listeners, security,
                engines(root.get("engines")),
                baseDir.resolve(root.get("stateDirectory").string("state")).normalize(),
                new Log(log.get("level").choice("info", "trace", "debug", "info", "warn", "error"),
                        log.get("format").choice("text", "text", "json"), log.get("access").bool(false)),
                Limits.read(root.get("limits")),
                EngineFailure.valueOf(root.get("engineFailure").choice("exit", "exit", "degraded")
                        .toUpperCase(Locale.ROOT)));
    }

    /**
     * The engine instances in the order written; without {@code engines}, the default one. An instance is a mapping
     * with {@code type} and its settings; {@code engines: {}} is refused, since a daemon without an engine serves
     * nothing.
     */
    private static List<EngineInstance> engines(ConfigNode node) {
        if (!node.present()) {
            return List.of(new EngineInstance(DEFAULT_ENGINE, DEFAULT_ENGINE, node.get(DEFAULT_ENGINE)));
        }
        Set<String> names = node.keys();
        if (names.isEmpty()) {
            throw node.error("must name at least one engine instance: engines: { <name>: { type: <type>, ... } }");
        }
        List<EngineInstance> out = new ArrayList<>();
        for (String name : names) {
            ConfigNode instance = node.get(name);
            if (!EngineInstance.NAME.matcher(name).matches()) {
                throw instance.error("'" + name + "' is no engine instance name: 1 to 64 letters, digits, '_', '.' "
                        + "and '-', not only dots (it names a directory and labels metrics)");
            }
            if (!instance.present()) {
                throw instance.error("needs its type: " + name + ": { type: <type>, ... }");
            }
            out.add(new EngineInstance(name, instance.get("type").string().trim(), instance.without("type")));
        }
        return out;
    }

    /**
     * The refusal of the single-engine form {@code engine: {name, settings}} that {@code engines} replaced, showing
     * what to write instead: its keys, not its values, which may hold passwords.
     */
    private static ConfigException replaced(ConfigNode engine) {
        String type = DEFAULT_ENGINE;
        List<String> keys = List.of();
        try {
            type = engine.get("name").string(DEFAULT_ENGINE).trim();
            keys = List.copyOf(engine.get("settings").keys());
        } catch (ConfigException notTheOldForm) {
            // Written otherwise than engine: {name, settings}: the refusal shows the bare new form.
        }
        String instance = EngineInstance.NAME.matcher(type).matches() ? type : DEFAULT_ENGINE;
        StringBuilder form = new StringBuilder("engines: { " + instance + ": { type: " + type);
        keys.forEach(k -> form.append(", ").append(k).append(": …"));
        form.append(" } }");
        return engine.error("is replaced by engines, named engine instances with their type and settings as keys; "
                + "write " + form + " (docs/configuration.md)");
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
