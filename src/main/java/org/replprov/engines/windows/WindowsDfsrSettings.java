package org.replprov.engines.windows;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import org.replprov.config.ConfigNode;
import org.replprov.engines.windows.wsman.WsmanAuth;
import org.replprov.engines.windows.wsman.WsmanClient;
import org.replprov.engines.windows.wsman.WsmanSettings;

/**
 * The settings of a {@code windows-dfsr} engine instance (docs/engines.md, "Windows DFSR"). Every problem is a
 * positioned configuration error naming the key; the password is read here and never appears in a message.
 *
 * @param hosts the DFSR members, each with how to reach it
 * @param pollInterval how often each member's connections and replicated folders are read
 * @param backlogInterval how often the backlog of each connection between two listed members is counted
 * @param forceDurationMinutes the DurationInMin sent with ForceReplication and ForceFolderReplication
 */
public record WindowsDfsrSettings(List<Host> hosts, Duration pollInterval, Duration backlogInterval,
                                  int forceDurationMinutes) {

    /** The default endpoint: WinRM's HTTPS listener (MS-WSMV; port 5986 is WinRM 2.0's default for HTTPS). */
    public static final String DEFAULT_URL = "https://{host}:5986/wsman";
    /** The default endpoint with {@code auth: ntlm}: WinRM's HTTP listener (port 5985, WinRM 2.0's default). */
    public static final String DEFAULT_HTTP_URL = "http://{host}:5985/wsman";

    static final String[] TOP = {"hosts", "transport", "user", "passwordEnv", "passwordFile", "wsman",
        "pollInterval", "backlogInterval", "callTimeout", "forceDurationMinutes"};
    static final String[] HOST = {"host", "transport", "user", "passwordEnv", "passwordFile", "url", "caFile",
        "auth"};

    /**
     * One member: its name as configured and how to reach it, over WS-Management ({@code wsman}) or DCOM
     * ({@code dcom}); exactly one of the two is set.
     */
    public record Host(String name, WsmanSettings wsman, Dcom dcom) {

        public Host {
            if ((wsman == null) == (dcom == null)) {
                throw new IllegalArgumentException("a member is reached over exactly one transport");
            }
        }

        public Host(String name, WsmanSettings wsman) {
            this(name, wsman, null);
        }
    }

    /**
     * The DCOM transport's settings for one member (MS-WMI over DCOM, TCP 135 and the dynamic RPC ports).
     *
     * @param domain the NTLM domain: from {@code DOMAIN\name}, or the part after {@code @} of a UPN, else empty
     */
    public record Dcom(String host, String domain, String user, String password, Duration callTimeout) {

        /** Without the password. */
        @Override
        public String toString() {
            return "Dcom[host=" + host + ", domain=" + domain + ", user=" + user + ", callTimeout=" + callTimeout + "]";
        }
    }

    public WindowsDfsrSettings {
        hosts = List.copyOf(hosts);
    }

    /**
     * Reads the settings.
     *
     * @param env the environment, for {@code passwordEnv}
     * @throws org.replprov.config.ConfigException for any bad or missing value
     */
    public static WindowsDfsrSettings parse(ConfigNode settings, Function<String, String> env) {
        ConfigNode s = settings.allowOnly(TOP);
        String transport = s.get("transport").choice("wsman", "wsman", "dcom");
        ConfigNode wsman = s.get("wsman").allowOnly("url", "caFile", "auth");
        Duration callTimeout = s.get("callTimeout").duration(Duration.ofSeconds(8), Duration.ofMillis(100),
                Duration.ofMinutes(5));
        List<ConfigNode> entries = s.get("hosts").elements();
        if (entries.isEmpty()) {
            throw s.get("hosts").error("needs at least one DFSR member (a name or address, or a mapping with host:)");
        }
        List<Host> hosts = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (ConfigNode entry : entries) {
            ConfigNode h = entry.present() && isScalar(entry) ? null : entry.allowOnly(HOST);
            ConfigNode nameNode = h == null ? entry : h.get("host");
            String name = nameNode.string().strip();
            if (!names.add(name.toLowerCase(Locale.ROOT))) {
                throw nameNode.error("member " + name + " is listed twice");
            }
            ConfigNode userNode = pick(h, s, "user");
            String user = userNode.string();
            String password = password(h, s, env);
            String how = h != null && h.get("transport").present()
                    ? h.get("transport").choice("wsman", "wsman", "dcom") : transport;
            if (how.equals("dcom")) {
                hosts.add(new Host(name, null, dcom(name, user, password, callTimeout)));
                continue;
            }
            ConfigNode authNode = pick(h, wsman, "auth");
            WsmanAuth auth = authNode.present() ? WsmanAuth.parse(authNode.string()).orElseThrow(
                    () -> authNode.error("must be basic, ntlm or negotiate (NTLM in Negotiate; Kerberos is not "
                            + "implemented), not '" + authNode.string() + "'")) : null;
            ConfigNode urlNode = pick(h, wsman, "url");
            String template = urlNode.string(auth == WsmanAuth.NTLM ? DEFAULT_HTTP_URL : DEFAULT_URL);
            URI url = url(urlNode, template.replace("{host}", name));
            if (auth == null) {
                auth = WsmanAuth.defaultFor(url.getScheme());
            }
            if (auth == WsmanAuth.BASIC && !"https".equalsIgnoreCase(url.getScheme())) {
                throw urlNode.error("must be an https URL with Basic authentication (it needs TLS), not '"
                        + url + "'; for http set auth: ntlm (messages are then encrypted)");
            }
            if (auth == WsmanAuth.NTLM && !"http".equalsIgnoreCase(url.getScheme())) {
                throw urlNode.error("must be an http URL with NTLM (message encryption over http is what is "
                        + "implemented; NTLM over https is not), not '" + url + "'");
            }
            ConfigNode caNode = pick(h, wsman, "caFile");
            SSLContext ssl = ssl(caNode);
            hosts.add(new Host(name, WsmanSettings.of(url, user, password, ssl, callTimeout).withAuth(auth)));
        }
        Duration poll = s.get("pollInterval").duration(Duration.ofSeconds(60), Duration.ofSeconds(1),
                Duration.ofHours(1));
        Duration backlog = s.get("backlogInterval").duration(Duration.ofMinutes(5), Duration.ofSeconds(1),
                Duration.ofDays(1));
        int force = s.get("forceDurationMinutes").integer(10080, 1, 10080);
        return new WindowsDfsrSettings(hosts, poll, backlog, force);
    }

    /** NTLM wants domain and name apart: {@code DOMAIN\\name}, or a UPN {@code name@domain}. */
    private static Dcom dcom(String host, String user, String password, Duration callTimeout) {
        int slash = user.indexOf('\\');
        if (slash >= 0) {
            return new Dcom(host, user.substring(0, slash), user.substring(slash + 1), password, callTimeout);
        }
        int at = user.lastIndexOf('@');
        if (at >= 0) {
            return new Dcom(host, user.substring(at + 1), user.substring(0, at), password, callTimeout);
        }
        return new Dcom(host, "", user, password, callTimeout);
    }

    private static boolean isScalar(ConfigNode n) {
        try {
            n.string();
            return true;
        } catch (org.replprov.config.ConfigException notScalar) {
            return false;
        }
    }

    /** The host's own value of {@code key} when it has one, else the engine-wide one. */
    private static ConfigNode pick(ConfigNode host, ConfigNode top, String key) {
        return host != null && host.get(key).present() ? host.get(key) : top.get(key);
    }

    private static String password(ConfigNode host, ConfigNode top, Function<String, String> env) {
        ConfigNode where = host != null && (host.get("passwordEnv").present() || host.get("passwordFile").present())
                ? host : top;
        ConfigNode fromEnv = where.get("passwordEnv");
        ConfigNode fromFile = where.get("passwordFile");
        if (fromEnv.present() == fromFile.present()) {
            throw (fromEnv.present() ? fromFile : where.get("passwordEnv"))
                    .error("give exactly one of passwordEnv and passwordFile");
        }
        if (fromEnv.present()) {
            String value = env.apply(fromEnv.string().strip());
            if (value == null || value.isEmpty()) {
                throw fromEnv.error("the environment variable " + fromEnv.string().strip() + " is not set");
            }
            return value;
        }
        Path file = Path.of(fromFile.string().strip());
        try {
            String value = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (value.isEmpty()) {
                throw fromFile.error("the file " + file + " is empty");
            }
            return value;
        } catch (IOException e) {
            throw fromFile.error("cannot read the password file " + file + ": " + e.getClass().getSimpleName());
        }
    }

    private static URI url(ConfigNode node, String text) {
        try {
            URI u = new URI(text);
            if (!("https".equalsIgnoreCase(u.getScheme()) || "http".equalsIgnoreCase(u.getScheme()))
                    || u.getHost() == null) {
                throw node.error("must be an https URL (Basic authentication) or an http URL (NTLM), not '" + text
                        + "'");
            }
            return u;
        } catch (URISyntaxException e) {
            throw node.error("is not a URL: '" + text + "'");
        }
    }

    private static SSLContext ssl(ConfigNode caFile) {
        if (!caFile.present()) {
            try {
                return SSLContext.getDefault();
            } catch (NoSuchAlgorithmException e) {
                throw caFile.error("the JDK has no default TLS context: " + e.getMessage());
            }
        }
        try {
            return WsmanClient.trusting(Path.of(caFile.string().strip()));
        } catch (IOException e) {
            throw caFile.error(e.getMessage());
        }
    }
}
