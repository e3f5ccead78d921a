package org.replprov.engines.embedded;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import org.replprov.config.ConfigException;
import org.replprov.config.ConfigNode;
import org.replprov.drsr.ReplicaFlags;
import org.replprov.drsr.RepsTo;
import org.replprov.engines.embedded.mirror.Mirror;
import org.replprov.engines.embedded.schedule.Schedule;
import org.replprov.engines.embedded.schedule.ScheduleSyntax;
import org.replprov.engines.embedded.transport.SmbSettings;

/**
 * The embedded engine's configuration: the local member, its replication group and replicated folders, and the
 * inbound connection that mirrors them from an upstream partner. Read from the engine instance's keys in the
 * configuration ({@code engines.<instance>}, with {@link ConfigNode}: its errors name file, line, column and key):
 *
 * <pre>
 * member: branch1                          # default: this host's name
 * group: Demo                              # the replication group
 * stateDirectory: engine                   # embedded.db; default: the instance's state directory
 * folders:
 *   docs: {path: replica/docs}             # one entry per replicated folder: its local root
 * inbound:
 *   hub:
 *     upstream: smb://hub/rg               # folder docs is read from smb://hub/rg/docs
 *     schedule: "* full"                   # ScheduleSyntax; default: always at full speed
 *     pollInterval: 60s
 *     smb: {user: replicator}              # or REPLPROV_SMB_USER / REPLPROV_SMB_PASSWORD in the environment
 * </pre>
 *
 * Every key is documented in docs/engines.md. GUIDs not configured are derived from names (name-based UUIDs of
 * {@code replprov:<kind>:<names>}), so members configured with the same names agree on them without sharing them.
 *
 * @param member the local member
 * @param group the replication group
 * @param folders the replicated folders, by name
 * @param inbound the inbound connections, by partner name (at most one: a member mirrors from one upstream)
 * @param stateDirectory where the ID database lives
 */
public record EmbeddedSettings(Member member, Group group, Map<String, Folder> folders, Map<String, Inbound> inbound,
                               Path stateDirectory, PeerSettings peer) {

    public EmbeddedSettings {
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(group, "group");
        folders = Map.copyOf(folders);
        inbound = Map.copyOf(inbound);
        Objects.requireNonNull(stateDirectory, "stateDirectory");
        Objects.requireNonNull(peer, "peer");
    }

    /**
     * The peer protocol as this member speaks it.
     *
     * @param address this member's listener, announced to its upstream as where to send notifications (naDsa)
     * @param trustStore the certificates this member trusts for HTTPS peers besides the JDK's (PKCS12)
     * @param notifyDelay how long local changes settle before downstreams are notified
     * @param outboundIdleTime how long a downstream may stay silent before its repsTo entry and outbound
     *     connection go
     * @param timeout connect and response timeout of peer calls
     */
    public record PeerSettings(Optional<URI> address, Optional<Path> trustStore, String trustStorePassword,
                               Duration notifyDelay, Duration outboundIdleTime, Duration timeout) {
        @Override
        public String toString() {
            return "PeerSettings[" + address.map(URI::toString).orElse("no address") + "]";
        }
    }

    /** The local member: its name (normally the host's short DNS name) and GUID. */
    public record Member(String name, UUID guid) {
    }

    /** The replication group. */
    public record Group(String name, UUID guid) {
    }

    /**
     * A replicated folder of the group and where the local member keeps it.
     *
     * @param allowEmptyUpstream whether an empty upstream listing may empty the replica
     */
    public record Folder(String name, UUID guid, Path path, boolean allowEmptyUpstream) {
    }

    /**
     * An inbound connection: the upstream partner and how to pull from it.
     *
     * @param partner the partner member's name (PartnerName)
     * @param partnerGuid PartnerGuid
     * @param connectionGuid ConnectionGuid (the same on both ends when the partner runs replprov)
     * @param upstreams where each folder is read, by folder name
     * @param schedule the connection's schedule
     * @param pollInterval how often the upstream is scanned while the schedule is open
     * @param retries failed attempts to connect before the connection is In Error
     * @param retryDelay the wait after the first failure; it doubles with each further one
     * @param maxRetryDelay the longest wait between attempts
     * @param parallelDownloads files downloaded at once
     * @param smb how smb:// upstreams are reached
     * @param peer the partner's replprov listener for the peer protocol; empty for a plain share
     * @param replicaFlags the DRS options the partner stores in this member's repsTo entry
     * @param createUpstream whether missing (file:) upstream folders are created at start, for demos and trials
     */
    public record Inbound(String partner, UUID partnerGuid, UUID connectionGuid, Map<String, URI> upstreams,
                          Schedule schedule, Duration pollInterval, int retries, Duration retryDelay,
                          Duration maxRetryDelay, int parallelDownloads, SmbSettings smb, Optional<UpstreamPeer> peer,
                          ReplicaFlags replicaFlags, boolean createUpstream) {
        public Inbound {
            upstreams = Map.copyOf(upstreams);
        }

        public Mirror.Settings mirrorSettings(Folder folder) {
            return new Mirror.Settings(parallelDownloads, folder.allowEmptyUpstream());
        }
    }

    /** The upstream partner's replprov listener and the account this member announces itself with. */
    public record UpstreamPeer(URI uri, String user, String password) {
        @Override
        public String toString() {
            return uri + (user.isEmpty() ? "" : " as " + user);
        }
    }

    /** Environment variables for SMB credentials not given in the settings. */
    static final String ENV_SMB_USER = "REPLPROV_SMB_USER";
    static final String ENV_SMB_PASSWORD = "REPLPROV_SMB_PASSWORD";
    static final String ENV_SMB_DOMAIN = "REPLPROV_SMB_DOMAIN";

    private static final String[] TOP = {"member", "memberGuid", "group", "groupGuid", "stateDirectory",
        "baseDirectory", "folders", "inbound", "peer"};
    private static final String[] PEER_KEYS = {"address", "trustStore", "trustStorePassword", "trustStorePasswordEnv",
        "notifyDelay", "outboundIdleTime", "timeout"};
    private static final String[] FOLDER_KEYS = {"path", "guid", "allowEmptyUpstream"};
    private static final String[] INBOUND_KEYS = {"upstream", "partnerGuid", "connectionGuid", "schedule",
        "scheduleZone", "pollInterval", "retries", "retryDelay", "maxRetryDelay", "parallelDownloads", "smb", "peer",
        "peerUser", "peerPassword", "peerPasswordEnv", "replicaFlags", "folders", "createUpstream"};
    private static final String[] SMB_KEYS = {"user", "password", "passwordEnv", "passwordFile", "domain",
        "minDialect", "maxDialect", "signing", "timeout"};

    /** The shortest and the longest duration any setting takes: a poll, a delay or a timeout of 0 means nothing. */
    private static final Duration MIN_DURATION = Duration.ofMillis(1);
    private static final Duration MAX_DURATION = Duration.ofDays(366);

    /**
     * Reads the settings.
     *
     * @param settings the engine instance's keys, as written (absent: every default)
     * @param base the directory relative paths are resolved against, unless {@code baseDirectory} names another
     * @param stateDirectory where the ID database lives unless the key {@code stateDirectory} names another place
     * @param env the environment (credentials)
     * @throws ConfigException naming the file, line, column and key of the value that is wrong
     */
    public static EmbeddedSettings parse(ConfigNode settings, Path base, Path stateDirectory,
                                         Function<String, String> env) {
        ConfigNode s = settings.allowOnly(TOP);
        Path baseDir = baseDirectory(s, base);
        String memberName = text(s.get("member")).orElseGet(EmbeddedSettings::hostName);
        Member member = new Member(memberName, guid(s.get("memberGuid")).orElse(derived("member", memberName)));
        String groupName = text(s.get("group")).orElse("Default");
        Group group = new Group(groupName, guid(s.get("groupGuid")).orElse(derived("group", groupName)));

        Map<String, Folder> folders = new LinkedHashMap<>();
        for (String name : children(s.get("folders"))) {
            ConfigNode f = s.get("folders").get(name).allowOnly(FOLDER_KEYS);
            folders.put(name, new Folder(name, guid(f.get("guid")).orElse(derived("folder", groupName, name)),
                    path(f.get("path"), baseDir).orElseThrow(() -> f.get("path").error("is required")),
                    f.get("allowEmptyUpstream").bool(false)));
        }

        Map<String, Inbound> inbound = new LinkedHashMap<>();
        for (String partner : children(s.get("inbound"))) {
            ConfigNode in = s.get("inbound").get(partner);
            if (!inbound.isEmpty()) {
                throw in.error("a member mirrors from one upstream partner, not " + inbound.keySet() + " and "
                        + partner + " (two-way, multi-master replication is out of the embedded engine's scope)");
            }
            if (folders.isEmpty()) {
                throw in.error("an inbound connection needs at least one replicated folder under folders");
            }
            inbound.put(partner, inbound(in, partner, member, group, folders, baseDir, env));
        }
        Path state = path(s.get("stateDirectory"), baseDir).orElse(stateDirectory.normalize());
        ConfigNode p = s.get("peer").allowOnly(PEER_KEYS);
        PeerSettings peer = new PeerSettings(text(p.get("address")).map(u -> uri(p.get("address"), u, baseDir)),
                path(p.get("trustStore"), baseDir),
                text(p.get("trustStorePassword")).or(() -> fromEnvironment(p.get("trustStorePasswordEnv"), env))
                        .orElse(""),
                duration(p.get("notifyDelay"), Duration.ofMillis(200)),
                duration(p.get("outboundIdleTime"), Duration.ofHours(12)),
                duration(p.get("timeout"), Duration.ofSeconds(10)));
        if (peer.address().isEmpty()) {
            for (String partner : inbound.keySet()) {
                if (inbound.get(partner).peer().isPresent()) {
                    throw s.get("inbound").get(partner).get("peer").error("needs peer.address, this member's "
                            + "listener: the upstream notifies this member there");
                }
            }
        }
        return new EmbeddedSettings(member, group, folders, inbound, state, peer);
    }

    /** The directory relative paths resolve against: {@code baseDirectory}, else {@code base}. */
    static Path baseDirectory(ConfigNode settings, Path base) {
        return path(settings.get("baseDirectory"), base).orElse(base);
    }

    private static Inbound inbound(ConfigNode in, String partner, Member member, Group group,
                                   Map<String, Folder> folders, Path base, Function<String, String> env) {
        in.allowOnly(INBOUND_KEYS);
        ConfigNode upstreamNode = in.get("upstream");
        URI upstream = uri(upstreamNode, upstreamNode.string(), base);
        ConfigNode own = in.get("folders");
        for (String named : children(own)) {
            own.get(named).allowOnly("upstream");
            if (!folders.containsKey(named)) {
                throw own.get(named).error("no replicated folder is called " + named + " (folders: "
                        + folders.keySet() + ")");
            }
        }
        Map<String, URI> upstreams = new LinkedHashMap<>();
        for (Folder f : folders.values()) {
            ConfigNode u = own.get(f.name()).get("upstream");
            upstreams.put(f.name(), text(u).map(t -> uri(u, t, base)).orElseGet(() -> convert(upstreamNode, f.name(), n -> child(upstream, n))));
        }
        ZoneId zone = text(in.get("scheduleZone")).map(z -> convert(in.get("scheduleZone"), z, ZoneId::of))
                .orElse(ZoneOffset.UTC);
        Schedule schedule = text(in.get("schedule")).map(t -> convert(in.get("schedule"), t,
                x -> ScheduleSyntax.parse(x, zone))).orElse(Schedule.ALWAYS.inZone(zone));

        ConfigNode smbNode = in.get("smb").allowOnly(SMB_KEYS);
        String user = text(smbNode.get("user")).orElseGet(() -> Objects.toString(env.apply(ENV_SMB_USER), ""));
        String password = text(smbNode.get("password"))
                .or(() -> fromEnvironment(smbNode.get("passwordEnv"), env))
                .or(() -> fromFile(smbNode.get("passwordFile"), base))
                .orElseGet(() -> Objects.toString(env.apply(ENV_SMB_PASSWORD), ""));
        String domain = text(smbNode.get("domain")).orElseGet(() -> Objects.toString(env.apply(ENV_SMB_DOMAIN), ""));
        SmbSettings.Signing signing = SmbSettings.Signing.valueOf(smbNode.get("signing")
                .choice(SmbSettings.DEFAULT.signing().name(), "if-required", "preferred", "required")
                .toUpperCase(Locale.ROOT).replace('-', '_'));
        SmbSettings smb = convert(smbNode, "", x -> new SmbSettings(new SmbSettings.Credentials(domain, user,
                password), text(smbNode.get("minDialect")).orElse(SmbSettings.DEFAULT.minDialect()),
                text(smbNode.get("maxDialect")).orElse(SmbSettings.DEFAULT.maxDialect()), signing,
                duration(smbNode.get("timeout"), SmbSettings.DEFAULT.timeout())));

        Optional<UpstreamPeer> peer = text(in.get("peer")).map(u -> new UpstreamPeer(uri(in.get("peer"), u, base),
                text(in.get("peerUser")).orElse(""),
                text(in.get("peerPassword")).or(() -> fromEnvironment(in.get("peerPasswordEnv"), env)).orElse("")));
        ReplicaFlags flags = text(in.get("replicaFlags")).map(f -> convert(in.get("replicaFlags"), f,
                EmbeddedSettings::replicaFlags)).orElse(DEFAULT_REPLICA_FLAGS);

        boolean createUpstream = in.get("createUpstream").bool(false);
        // Only local directories: creating a folder on someone else's share is not a monitoring daemon's business.
        upstreams.forEach((folder, u) -> {
            if (createUpstream && !"file".equals(u.getScheme())) {
                throw in.get("createUpstream").error("the upstream of folder " + folder + ", " + u
                        + ", is not a file: URI");
            }
        });

        UUID partnerGuid = guid(in.get("partnerGuid")).orElse(derived("member", partner));
        UUID connectionGuid = guid(in.get("connectionGuid"))
                .orElse(derived("connection", group.name(), partner, member.name()));
        int retries = in.get("retries").integer(3, 1, 1000);
        Duration retryDelay = duration(in.get("retryDelay"), Duration.ofSeconds(1));
        Duration maxRetryDelay = duration(in.get("maxRetryDelay"), Duration.ofMinutes(5));
        return new Inbound(partner, partnerGuid, connectionGuid, upstreams, schedule,
                duration(in.get("pollInterval"), Duration.ofSeconds(60)), retries, retryDelay,
                maxRetryDelay.compareTo(retryDelay) < 0 ? retryDelay : maxRetryDelay,
                in.get("parallelDownloads").integer(Mirror.Settings.DEFAULT.parallelDownloads(), 1, 64),
                smb, peer, flags, createUpstream);
    }

    /** What a downstream asks its upstream to store when nothing is configured: sync at start, and periodically. */
    static final ReplicaFlags DEFAULT_REPLICA_FLAGS = ReplicaFlags.of(ReplicaFlags.Flag.DRS_INIT_SYNC,
            ReplicaFlags.Flag.DRS_PER_SYNC);

    /**
     * DRS option names separated by spaces, commas or '|' (the {@code DRS_} may be left out), or a number
     * ({@code 0x60}); only the options a RepsTo keeps (MS-DRSR §5.173) are accepted.
     */
    static ReplicaFlags replicaFlags(String text) {
        String t = text.strip();
        if (t.matches("0[xX][0-9A-Fa-f]{1,8}|\\d+")) {
            return kept(new ReplicaFlags((int) Long.decode(t).longValue()));
        }
        int raw = 0;
        for (String name : t.split("[\\s,|]+")) {
            if (!name.isEmpty()) {
                String n = name.toUpperCase(Locale.ROOT);
                raw |= ReplicaFlags.Flag.valueOf(n.startsWith("DRS_") ? n : "DRS_" + n).bit();
            }
        }
        return kept(new ReplicaFlags(raw));
    }

    private static ReplicaFlags kept(ReplicaFlags flags) {
        if (!RepsTo.PRESERVED_OPTIONS.containsAll(flags)) {
            throw new IllegalArgumentException(new ReplicaFlags(flags.raw() & ~RepsTo.PRESERVED_OPTIONS.raw())
                    + " cannot be kept in a repsTo entry (MS-DRSR 5.173)");
        }
        return flags;
    }

    /** A name-based GUID: members configured with the same names derive the same one. */
    static UUID derived(String kind, String... names) {
        String key = "replprov:" + kind + ":" + String.join("/", names).toLowerCase(Locale.ROOT);
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
    }

    private static URI uri(ConfigNode node, String text, Path base) {
        String t = text.strip();
        if (t.startsWith("file:") && !t.startsWith("file:/")) {
            return convert(node, t, x -> base.resolve(x.substring("file:".length())).toAbsolutePath().normalize()
                    .toUri());
        }
        URI u = convert(node, t, URI::create);
        if (u.getScheme() == null) {
            throw node.error("'" + t + "' is not a URI (file:///path, smb://host/share/path or, for a peer, "
                    + "https://host:port)");
        }
        return u;
    }

    /** {@code base} with one more path segment (quoted as a URI needs it). */
    static URI child(URI base, String name) {
        String path = base.getPath() == null || base.getPath().isEmpty() ? "/" : base.getPath();
        try {
            return new URI(base.getScheme(), base.getAuthority(), (path.endsWith("/") ? path : path + "/") + name
                    + "/", null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("folder name " + name + " cannot be part of " + base, e);
        }
    }

    /** {@code parser} applied to the value of {@code node}; what it refuses is an error pointing at the node. */
    private static <T> T convert(ConfigNode node, String value, Function<String, T> parser) {
        try {
            return parser.apply(value);
        } catch (ConfigException e) {
            throw e; // about a value read inside, which it points at
        } catch (RuntimeException e) {
            throw node.error(e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    /** A single value, stripped; empty when not given. */
    private static Optional<String> text(ConfigNode node) {
        return node.present() ? Optional.of(node.string().strip()) : Optional.empty();
    }

    private static Optional<UUID> guid(ConfigNode node) {
        return text(node).map(g -> convert(node, g.replace("{", "").replace("}", ""), UUID::fromString));
    }

    private static Optional<Path> path(ConfigNode node, Path base) {
        return text(node).map(p -> convert(node, p, x -> base.resolve(x).normalize()));
    }

    private static Duration duration(ConfigNode node, Duration dflt) {
        return node.duration(dflt, MIN_DURATION, MAX_DURATION);
    }

    /** The names below a mapping ("folders" → "docs", "tools"), in the order written; none when absent. */
    private static Set<String> children(ConfigNode node) {
        return node.present() ? node.keys() : Set.of();
    }

    /** The value of the environment variable {@code node} names; an error when it is not set. */
    private static Optional<String> fromEnvironment(ConfigNode node, Function<String, String> env) {
        return text(node).map(name -> {
            String v = env.apply(name);
            if (v == null) {
                throw node.error("the environment has no " + name);
            }
            return v;
        });
    }

    /**
     * The first line of the file {@code node} names (resolved against {@code base}), as a password file is written
     * (one line, perhaps a newline); an error when it cannot be read.
     */
    private static Optional<String> fromFile(ConfigNode node, Path base) {
        return path(node, base).map(file -> {
            try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                String line = r.readLine();
                return line == null ? "" : line;
            } catch (IOException e) {
                throw node.error("cannot read " + file + ": " + e.getMessage());
            }
        });
    }

    private static String hostName() {
        try {
            String h = InetAddress.getLocalHost().getHostName();
            return h.contains(".") ? h.substring(0, h.indexOf('.')) : h;
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
