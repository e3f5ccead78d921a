package org.replprov.engines.embedded;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.replprov.drsr.ReplicaFlags;
import org.replprov.drsr.RepsTo;
import org.replprov.engines.embedded.mirror.Mirror;
import org.replprov.engines.embedded.schedule.Schedule;
import org.replprov.engines.embedded.schedule.ScheduleSyntax;
import org.replprov.engines.embedded.transport.SmbSettings;

/**
 * The embedded engine's configuration: the local member, its replication group and replicated folders, and the
 * inbound connection that mirrors them from an upstream partner. Read from the engine's settings, flat keys with
 * dots (a YAML mapping under {@code engine.settings} flattened):
 *
 * <pre>
 * member: branch1                          # default: this host's name
 * group: Demo                              # the replication group
 * stateDirectory: state                    # the ID tables (embedded-ids.db)
 * folders.docs.path: replica/docs          # one entry per replicated folder: its local root
 * inbound.hub.upstream: smb://hub/rg       # folder docs is read from smb://hub/rg/docs
 * inbound.hub.schedule: "* full"           # ScheduleSyntax; default: always at full speed
 * inbound.hub.pollInterval: 60s
 * inbound.hub.smb.user: replicator         # or REPLPROV_SMB_USER / REPLPROV_SMB_PASSWORD in the environment
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

    private static final Set<String> TOP = Set.of("member", "memberGuid", "group", "groupGuid", "stateDirectory",
            "baseDirectory", "folders", "inbound", "peer");
    private static final Set<String> PEER_KEYS = Set.of("address", "trustStore", "trustStorePassword",
            "trustStorePasswordEnv", "notifyDelay", "outboundIdleTime", "timeout");
    private static final Set<String> FOLDER_KEYS = Set.of("path", "guid", "allowEmptyUpstream");
    private static final Set<String> INBOUND_KEYS = Set.of("upstream", "partnerGuid", "connectionGuid", "schedule",
            "scheduleZone", "pollInterval", "retries", "retryDelay", "maxRetryDelay", "parallelDownloads", "smb",
            "peer", "peerUser", "peerPassword", "peerPasswordEnv", "replicaFlags", "folders", "createUpstream");
    private static final Set<String> SMB_KEYS = Set.of("user", "password", "passwordEnv", "domain", "minDialect",
            "maxDialect", "signing", "timeout");

    /**
     * Reads the settings.
     *
     * @param settings flat keys
     * @param base the directory relative paths are resolved against, unless {@code baseDirectory} names another
     * @param env the environment (credentials)
     * @throws IllegalArgumentException naming the key that is wrong
     */
    public static EmbeddedSettings parse(Map<String, String> settings, Path base, Function<String, String> env) {
        Keys keys = new Keys(settings);
        keys.allowOnly("", TOP);
        Path baseDir = keys.get("baseDirectory").map(base::resolve).orElse(base);
        String memberName = keys.get("member").orElseGet(EmbeddedSettings::hostName);
        Member member = new Member(memberName, keys.guid("memberGuid").orElse(derived("member", memberName)));
        String groupName = keys.get("group").orElse("Default");
        Group group = new Group(groupName, keys.guid("groupGuid").orElse(derived("group", groupName)));

        Map<String, Folder> folders = new LinkedHashMap<>();
        for (String name : keys.children("folders")) {
            String p = "folders." + name + ".";
            keys.allowOnly(p, FOLDER_KEYS);
            Path path = baseDir.resolve(keys.get(p + "path").orElseThrow(() -> keys.missing(p + "path")));
            folders.put(name, new Folder(name, keys.guid(p + "guid").orElse(derived("folder", groupName, name)),
                    path.normalize(), keys.bool(p + "allowEmptyUpstream", false)));
        }

        Map<String, Inbound> inbound = new LinkedHashMap<>();
        for (String partner : keys.children("inbound")) {
            inbound.put(partner, inbound(keys, partner, member, group, folders, baseDir, env));
        }
        if (inbound.size() > 1) {
            throw new IllegalArgumentException("inbound: a member mirrors from one upstream partner, not "
                    + inbound.keySet() + " (two-way, multi-master replication is out of the embedded engine's scope)");
        }
        if (!inbound.isEmpty() && folders.isEmpty()) {
            throw new IllegalArgumentException("folders: an inbound connection needs at least one replicated folder");
        }
        Path state = baseDir.resolve(keys.get("stateDirectory").orElse("state")).normalize();
        keys.allowOnly("peer.", PEER_KEYS);
        PeerSettings peer = new PeerSettings(keys.get("peer.address").map(u -> uri(u, baseDir, "peer.address")),
                keys.get("peer.trustStore").map(baseDir::resolve),
                keys.get("peer.trustStorePassword").or(() -> keys.get("peer.trustStorePasswordEnv").map(env))
                        .orElse(""),
                keys.duration("peer.notifyDelay", Duration.ofMillis(200)),
                keys.duration("peer.outboundIdleTime", Duration.ofHours(12)),
                keys.duration("peer.timeout", Duration.ofSeconds(10)));
        if (peer.address().isEmpty() && inbound.values().stream().anyMatch(i -> i.peer().isPresent())) {
            throw new IllegalArgumentException("peer.address is required with an inbound peer: the upstream "
                    + "notifies this member there");
        }
        return new EmbeddedSettings(member, group, folders, inbound, state, peer);
    }

    private static Inbound inbound(Keys keys, String partner, Member member, Group group, Map<String, Folder> folders,
                                   Path base, Function<String, String> env) {
        String p = "inbound." + partner + ".";
        keys.allowOnly(p, INBOUND_KEYS);
        keys.allowOnly(p + "smb.", SMB_KEYS);
        URI upstream = uri(keys.get(p + "upstream").orElseThrow(() -> keys.missing(p + "upstream")), base,
                p + "upstream");
        Map<String, URI> upstreams = new LinkedHashMap<>();
        for (Folder f : folders.values()) {
            String own = p + "folders." + f.name() + ".upstream";
            upstreams.put(f.name(), keys.get(own).map(u -> uri(u, base, own)).orElse(child(upstream, f.name())));
        }
        for (String named : keys.children(p + "folders")) {
            keys.allowOnly(p + "folders." + named + ".", Set.of("upstream"));
            if (!folders.containsKey(named)) {
                throw new IllegalArgumentException(p + "folders." + named + ": no replicated folder is called "
                        + named + " (folders: " + folders.keySet() + ")");
            }
        }
        ZoneId zone = keys.get(p + "scheduleZone").map(z -> parse(p + "scheduleZone", z, ZoneId::of))
                .orElse(ZoneOffset.UTC);
        Schedule schedule = keys.get(p + "schedule").map(s -> parse(p + "schedule", s,
                t -> ScheduleSyntax.parse(t, zone))).orElse(Schedule.ALWAYS.inZone(zone));

        String user = keys.get(p + "smb.user").orElseGet(() -> Objects.toString(env.apply(ENV_SMB_USER), ""));
        String password = keys.get(p + "smb.password")
                .or(() -> keys.get(p + "smb.passwordEnv").map(e -> Objects.requireNonNull(env.apply(e),
                        () -> p + "smb.passwordEnv: the environment has no " + e)))
                .orElseGet(() -> Objects.toString(env.apply(ENV_SMB_PASSWORD), ""));
        String domain = keys.get(p + "smb.domain").orElseGet(() -> Objects.toString(env.apply(ENV_SMB_DOMAIN), ""));
        SmbSettings smb = parse(p + "smb", "", x -> new SmbSettings(new SmbSettings.Credentials(domain, user,
                password), keys.get(p + "smb.minDialect").orElse(SmbSettings.DEFAULT.minDialect()),
                keys.get(p + "smb.maxDialect").orElse(SmbSettings.DEFAULT.maxDialect()),
                keys.get(p + "smb.signing").map(s -> parse(p + "smb.signing", s, v ->
                        SmbSettings.Signing.valueOf(v.toUpperCase(Locale.ROOT).replace('-', '_'))))
                        .orElse(SmbSettings.DEFAULT.signing()),
                keys.duration(p + "smb.timeout", SmbSettings.DEFAULT.timeout())));

        Optional<UpstreamPeer> peer = keys.get(p + "peer").map(u -> new UpstreamPeer(uri(u, base, p + "peer"),
                keys.get(p + "peerUser").orElse(""),
                keys.get(p + "peerPassword").or(() -> keys.get(p + "peerPasswordEnv").map(env)).orElse("")));
        ReplicaFlags flags = keys.get(p + "replicaFlags").map(f -> parse(p + "replicaFlags", f,
                EmbeddedSettings::replicaFlags)).orElse(DEFAULT_REPLICA_FLAGS);

        boolean createUpstream = keys.bool(p + "createUpstream", false);
        // Only local directories: creating a folder on someone else's share is not a monitoring daemon's business.
        upstreams.forEach((folder, u) -> {
            if (createUpstream && !"file".equals(u.getScheme())) {
                throw new IllegalArgumentException(p + "createUpstream: the upstream of folder " + folder + ", " + u
                        + ", is not a file: URI");
            }
        });

        UUID partnerGuid = keys.guid(p + "partnerGuid").orElse(derived("member", partner));
        UUID connectionGuid = keys.guid(p + "connectionGuid")
                .orElse(derived("connection", group.name(), partner, member.name()));
        int retries = keys.integer(p + "retries", 3, 1, 1000);
        Duration retryDelay = keys.duration(p + "retryDelay", Duration.ofSeconds(1));
        Duration maxRetryDelay = keys.duration(p + "maxRetryDelay", Duration.ofMinutes(5));
        return new Inbound(partner, partnerGuid, connectionGuid, upstreams, schedule,
                keys.duration(p + "pollInterval", Duration.ofSeconds(60)), retries, retryDelay,
                maxRetryDelay.compareTo(retryDelay) < 0 ? retryDelay : maxRetryDelay,
                keys.integer(p + "parallelDownloads", Mirror.Settings.DEFAULT.parallelDownloads(), 1, 64),
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

    private static URI uri(String text, Path base, String key) {
        String t = text.strip();
        if (t.startsWith("file:") && !t.startsWith("file:/")) {
            return base.resolve(t.substring("file:".length())).toAbsolutePath().normalize().toUri();
        }
        URI u = parse(key, t, URI::create);
        if (u.getScheme() == null) {
            throw new IllegalArgumentException(key + ": '" + t + "' is not a URI (file:///path, smb://host/share/path"
                    + " or, for a peer, https://host:port)");
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

    private static <T> T parse(String key, String value, Function<String, T> parser) {
        try {
            return parser.apply(value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
        }
    }

    private static String hostName() {
        try {
            String h = InetAddress.getLocalHost().getHostName();
            return h.contains(".") ? h.substring(0, h.indexOf('.')) : h;
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /** The flat keys, read with typed accessors whose errors name the key. */
    private static final class Keys {
        private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
        private final Map<String, String> map;

        Keys(Map<String, String> map) {
            this.map = map;
        }

        Optional<String> get(String key) {
            return Optional.ofNullable(map.get(key)).map(String::strip).filter(v -> !v.isEmpty());
        }

        Optional<UUID> guid(String key) {
            return get(key).map(g -> parse(key, g.replace("{", "").replace("}", ""), UUID::fromString));
        }

        boolean bool(String key, boolean dflt) {
            return get(key).map(v -> switch (v.toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on" -> true;
                case "false", "no", "off" -> false;
                default -> throw new IllegalArgumentException(key + ": '" + v + "' is not true or false");
            }).orElse(dflt);
        }

        int integer(String key, int dflt, int min, int max) {
            int v = get(key).map(s -> parse(key, s, Integer::parseInt)).orElse(dflt);
            if (v < min || v > max) {
                throw new IllegalArgumentException(key + ": " + v + " is not between " + min + " and " + max);
            }
            return v;
        }

        Duration duration(String key, Duration dflt) {
            return get(key).map(v -> {
                Matcher m = DURATION.matcher(v.toLowerCase(Locale.ROOT));
                if (!m.matches()) {
                    throw new IllegalArgumentException(key + ": '" + v + "' is not a duration (500ms, 5s, 2m, 1h, 1d)");
                }
                long n = Long.parseLong(m.group(1));
                Duration d = switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
                if (d.isZero()) {
                    throw new IllegalArgumentException(key + ": must be longer than 0");
                }
                return d;
            }).orElse(dflt);
        }

        /** The names directly below {@code prefix} ("folders" → "docs", "tools"), in key order. */
        List<String> children(String prefix) {
            Set<String> out = new TreeSet<>();
            String p = prefix + ".";
            for (String k : map.keySet()) {
                if (k.startsWith(p) && k.indexOf('.', p.length()) > 0) {
                    out.add(k.substring(p.length(), k.indexOf('.', p.length())));
                }
            }
            return new ArrayList<>(out);
        }

        /** Refuses keys directly below {@code prefix} that are not in {@code allowed} (typos must not pass). */
        void allowOnly(String prefix, Set<String> allowed) {
            for (String k : map.keySet()) {
                if (k.startsWith(prefix)) {
                    String rest = k.substring(prefix.length());
                    String first = rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : rest;
                    if (!allowed.contains(first)) {
                        throw new IllegalArgumentException("unknown setting " + k + " (known below '"
                                + (prefix.isEmpty() ? "settings" : prefix.substring(0, prefix.length() - 1))
                                + "': " + new TreeSet<>(allowed) + ")");
                    }
                }
            }
        }

        IllegalArgumentException missing(String key) {
            return new IllegalArgumentException(key + " is required");
        }
    }
}
