package org.replprov.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.replprov.config.ConfigNode;
import org.replprov.config.ConfigurationException;
import org.replprov.engine.EngineInstance;
import org.replprov.server.config.DaemonConfig;
import org.replprov.server.config.Limits;
import org.replprov.server.security.PasswordHash;
import org.replprov.server.security.Role;
import org.replprov.server.security.Secrets;
import org.replprov.server.security.SelfSignedKeystore;
import org.replprov.server.security.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A replication group to try things with ({@code replprov lab}): several members in one process, each a full daemon
 * as {@code serve} builds it ({@link Backend} and {@link Daemon}) with the embedded engine, listening over HTTPS on
 * 127.0.0.1. Member 1, {@code hub}, keeps the replicated folder {@value #FOLDER}; members 2 to N, {@code branch1}
 * and on, mirror it over {@code file://} and speak the peer protocol: each announces itself to the hub, which shows
 * one outbound DfsrConnectionInfo and one ReplProv_RepsTo entry (MS-DRSR §5.173) per branch, and notifies every
 * branch when its folder changes.
 *
 * <p>The lab keeps everything in its directory, so a second start on the same directory finds the repsTo list, the
 * replicas and the account of the first:
 *
 * <pre>
 * lab.p12, lab.p12.pass, lab.p12.pem   the self-signed certificate of every listener ({@link SelfSignedKeystore})
 * lab-trust.p12                        a trust store holding that certificate: the members' peer.trustStore
 * lab.password                         the password of the account {@value #USER} (operator), on every member
 * hub/docs, branch1/docs, …            each member's replica of the folder; the hub's starts with sample files
 * hub/state, hub/engine, …             each member's state database and embedded-engine database
 * </pre>
 */
public final class Lab implements AutoCloseable {

    public static final int MIN_MEMBERS = 2;
    public static final int MAX_MEMBERS = 16;
    public static final String GROUP = "Lab";
    public static final String FOLDER = "docs";
    public static final String HUB = "hub";
    public static final String USER = "lab";
    static final String ADDRESS = "127.0.0.1";
    private static final String KEYSTORE = "lab.p12";
    private static final String TRUST_STORE = "lab-trust.p12";
    private static final String PASSWORD_FILE = "lab.password";
    /** Each member's one engine instance, of type embedded; its metrics are labelled so, as serve's default. */
    private static final String ENGINE = "embedded";

    private static final Logger log = LoggerFactory.getLogger(Lab.class);

    /**
     * What to start.
     *
     * @param members how many members: the hub and {@code members - 1} branches
     * @param directory where the lab keeps its files (created when missing)
     * @param firstPort the hub's port; the branches take the next ones. 0: free ports, chosen at start
     */
    public record Options(int members, Path directory, int firstPort) {
        /** @throws IllegalArgumentException saying which value is out of range */
        public Options {
            if (members < MIN_MEMBERS || members > MAX_MEMBERS) {
                throw new IllegalArgumentException("a lab has " + MIN_MEMBERS + " to " + MAX_MEMBERS
                        + " members (a hub and its branches), not " + members);
            }
            int last = 65535 - members + 1;
            if (firstPort != 0 && (firstPort < 1 || firstPort > last)) {
                throw new IllegalArgumentException("the first port must be 0 (free ports) or 1 to " + last + " for "
                        + members + " members, not " + firstPort);
            }
        }
    }

    /**
     * A running member.
     *
     * @param url its listener
     * @param folder its replica of the folder, as the lab's directory was given (relative or absolute)
     */
    public record Member(String name, URI url, Path folder, Backend backend, Daemon daemon) {
        public boolean hub() {
            return name.equals(HUB);
        }

        /** Stops it as {@code serve} stops: the daemon first (in-flight requests finish), then what it served. */
        void close() {
            daemon.close();
            backend.close();
        }
    }

    private final Path directory;
    private final boolean resumed;
    private final SelfSignedKeystore keystore;
    private final String password;
    private final List<Member> members;
    private boolean closed;

    private Lab(Path directory, boolean resumed, SelfSignedKeystore keystore, String password, List<Member> members) {
        this.directory = directory;
        this.resumed = resumed;
        this.keystore = keystore;
        this.password = password;
        this.members = List.copyOf(members);
    }

    /**
     * Makes the lab's files (or reuses those of an earlier start) and starts the hub, then the branches.
     *
     * @throws ConfigurationException when the directory holds something else than a lab, or a lab without its password
     * @throws IOException when a file cannot be written, a certificate cannot be made, or a member cannot listen (the
     *     members already started are stopped again)
     */
    public static Lab start(Options options, Clock clock) throws IOException {
        Path dir = options.directory();
        SelfSignedKeystore keystore = new SelfSignedKeystore(dir.resolve(KEYSTORE));
        boolean resumed = Files.exists(keystore.keystore());
        Path passwordFile = dir.resolve(PASSWORD_FILE);
        Path trustStore = dir.resolve(TRUST_STORE);
        String password;
        if (resumed) {
            log.info("Reusing the lab in {}: the same account and certificate, and the repsTo list and replicas of "
                    + "the last run", dir);
            if (!Files.isReadable(passwordFile)) {
                throw new ConfigurationException(dir + " holds a lab without its password file " + PASSWORD_FILE
                        + ": remove the directory to start afresh");
            }
            password = Secrets.read(passwordFile);
        } else {
            requireNoOtherContent(dir);
            Files.createDirectories(dir);
            SelfSignedKeystore.create(keystore.keystore(), List.of("localhost"), List.of(ADDRESS), 3650);
            password = Secrets.randomPassword();
            Secrets.writePrivate(passwordFile, password);
            log.info("New lab in {}", dir);
        }
        if (!Files.exists(trustStore)) {
            keystore.writeTrustStore(trustStore);
        }
        writeSamples(dir.resolve(HUB).resolve(FOLDER));

        char[] storePassword = keystore.password();
        DaemonConfig.Tls tls = new DaemonConfig.Tls(keystore.keystore().toAbsolutePath(), "PKCS12", storePassword);
        User user = new User(USER, PasswordHash.create(password.toCharArray()), Set.of(Role.OPERATOR));
        List<Integer> ports = ports(options);
        // What every member's engine is told, and what a branch is told about its upstream.
        Map<String, Object> everyMember = Map.of("group", GROUP, "stateDirectory", "engine",
                "folders", Map.of(FOLDER, Map.of("path", FOLDER)));
        // Every member calls others over HTTPS: the branches announce themselves, the hub notifies them.
        Map<String, Object> everyPeer = Map.of("trustStore", trustStore.toAbsolutePath().toString(),
                "trustStorePassword", new String(storePassword));
        Map<String, Object> fromHub = Map.of("upstream", dir.resolve(HUB).toAbsolutePath().toUri().toString(),
                "peer", url(ports.get(0)).toString(), "peerUser", USER, "peerPassword", password);
        List<Member> started = new ArrayList<>();
        try {
            for (int i = 0; i < options.members(); i++) {
                String name = i == 0 ? HUB : "branch" + i;
                Path home = dir.resolve(name);
                Map<String, Object> settings = new LinkedHashMap<>(everyMember);
                Map<String, Object> peer = new LinkedHashMap<>(everyPeer);
                settings.put("member", name);
                settings.put("baseDirectory", home.toAbsolutePath().toString());
                settings.put("peer", peer);
                if (i > 0) {
                    settings.put("inbound", Map.of(HUB, fromHub));
                    peer.put("address", url(ports.get(i)).toString());
                }
                String source = "lab member " + name;
                ConfigNode engines = ConfigNode.of(source, "engines", Map.of(ENGINE, settings));
                DaemonConfig config = new DaemonConfig(source,
                        List.of(new DaemonConfig.Listener(ADDRESS, ports.get(i), Optional.of(tls))),
                        new DaemonConfig.Security("replprov", List.of(user)),
                        List.of(new EngineInstance(ENGINE, "embedded", engines.get(ENGINE))),
                        home.resolve("state").toAbsolutePath(), new DaemonConfig.Log("info", "text"), Limits.DEFAULT);
                started.add(start(name, config, home.resolve(FOLDER), clock));
            }
        } catch (IOException | RuntimeException failed) {
            stop(started);
            throw failed;
        }
        return new Lab(dir, resumed, keystore, password, started);
    }

    private static Member start(String name, DaemonConfig config, Path folder, Clock clock) throws IOException {
        Backend backend = Backend.open(config, clock);
        Daemon daemon;
        try {
            daemon = Daemon.builder(config, backend).buildAndStart();
        } catch (RuntimeException e) {
            backend.close();
            if (e instanceof UncheckedIOException bind) {
                throw new IOException("member " + name + " cannot listen on " + config.listeners().get(0) + ": "
                        + bind.getCause().getMessage(), bind);
            }
            throw e;
        }
        Member m = new Member(name, daemon.endpoints().get(0), folder, backend, daemon);
        log.info("Member {} ({}) listening on {}, replica {}", name, m.hub() ? "hub" : "branch", m.url(), folder);
        return m;
    }

    /** A lab is never made in a directory that holds something else: its files would be mixed with the lab's. */
    private static void requireNoOtherContent(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        if (!Files.isDirectory(dir)) {
            throw new ConfigurationException(dir + " is not a directory");
        }
        try (Stream<Path> entries = Files.list(dir)) {
            if (entries.findAny().isPresent()) {
                throw new ConfigurationException(dir + " is not empty and holds no lab (no " + KEYSTORE
                        + "): choose another directory");
            }
        }
    }

    /** The hub's folder, with a few files to replicate, unless it is there already. */
    private static void writeSamples(Path folder) throws IOException {
        if (Files.exists(folder)) {
            return;
        }
        Files.createDirectories(folder.resolve("reports"));
        Files.writeString(folder.resolve("README.txt"), """
                The hub's replicated folder of the replprov lab. Its branches mirror it: a file put here is
                notified to them and arrives in their replicas at once.
                """, StandardCharsets.UTF_8);
        Files.writeString(folder.resolve("reports/2024-q1.csv"), "region,files\nnorth,120\nsouth,95\n",
                StandardCharsets.UTF_8);
        Files.writeString(folder.resolve("reports/2024-q2.csv"), "region,files\nnorth,131\nsouth,102\n",
                StandardCharsets.UTF_8);
    }

    /**
     * The members' ports. Free ones are found by binding them all at once and letting go: a branch announces its
     * address to the hub, so the address is part of its settings and must be known before its listener binds.
     */
    private static List<Integer> ports(Options options) throws IOException {
        List<Integer> ports = new ArrayList<>();
        if (options.firstPort() != 0) {
            for (int i = 0; i < options.members(); i++) {
                ports.add(options.firstPort() + i);
            }
            return ports;
        }
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < options.members(); i++) {
                ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(ADDRESS));
                held.add(s);
                ports.add(s.getLocalPort());
            }
        } finally {
            for (ServerSocket s : held) {
                s.close();
            }
        }
        return ports;
    }

    private static URI url(int port) {
        return URI.create("https://" + ADDRESS + ":" + port + "/");
    }

    /** The members, the hub first. */
    public List<Member> members() {
        return members;
    }

    public Member hub() {
        return members.get(0);
    }

    public List<Member> branches() {
        return members.subList(1, members.size());
    }

    /** The lab's directory, as given. */
    public Path directory() {
        return directory;
    }

    /** True when this start found the lab of an earlier one in its directory. */
    public boolean resumed() {
        return resumed;
    }

    /** The password of the account {@value #USER}. */
    public String password() {
        return password;
    }

    public Path passwordFile() {
        return directory.resolve(PASSWORD_FILE);
    }

    /** The listeners' certificate, in PEM: what a client trusts ({@code --cacert}). */
    public Path certificate() {
        return keystore.certificate();
    }

    /** Stops every member, the branches first, as {@code serve} stops; their state stays in the directory. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stop(members);
        log.info("Lab stopped; its state stays in {} for the next start", directory);
    }

    private static void stop(List<Member> members) {
        for (int i = members.size() - 1; i >= 0; i--) {
            log.info("Stopping member {}", members.get(i).name());
            members.get(i).close();
        }
    }
}
