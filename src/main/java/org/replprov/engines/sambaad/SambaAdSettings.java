package org.replprov.engines.sambaad;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import org.replprov.config.ConfigNode;
import org.replprov.engines.sambaad.directory.DirectorySettings;
import org.replprov.engines.sambaad.directory.LdapiUrl;

/**
 * The {@code samba-ad} engine's configuration, read from the instance's keys ({@code engines.<instance>}); every
 * error names the file, line, column and key. Documented in docs/engines.md ("samba-ad"):
 *
 * <pre>
 * type: samba-ad
 * url: ldaps://dc1.example.com           # or ldap://host (StartTLS before the bind), or ldapi:// (local socket)
 * user: replmon@EXAMPLE.COM              # UPN or DN
 * passwordEnv: REPLPROV_AD_PASSWORD      # or passwordFile: /etc/replprov/ad.password
 * caFile: /var/lib/samba/private/tls/ca.pem
 * pollInterval: 15s
 * failureThreshold: 2                    # failed pulls in a row before a link is In Error
 * sambaTool: [samba-tool]                # the command ForceReplication runs (DsReplicaSync)
 * partners:                              # how to reach a partner DC, when not ldaps://its-dns-name
 *   dc2.example.com: {url: ldaps://10.0.0.2, caFile: /etc/replprov/dc2-ca.pem}
 * </pre>
 *
 * The password is not part of these settings: {@link #password()} reads it when a connection is made, so that the
 * settings can be logged, and a rotated password file is picked up.
 *
 * @param directory how to reach and read the local DC
 * @param password where the bind password comes from
 * @param pollInterval how often the DC is read
 * @param failureThreshold failed pulls in a row after which an inbound link is In Error (LinkHealth retries)
 * @param sambaTool the command line prefix that runs {@code samba-tool} ({@code drs replicate} is appended)
 * @param sambaToolOptions options appended after every samba-tool command ({@code -s /etc/samba/smb.conf})
 * @param commandTimeout bound on one samba-tool run
 * @param partners how to reach partner DCs for CheckConnectivity and the backlog, by DNS host name (lower case)
 */
public record SambaAdSettings(DirectorySettings directory, PasswordSource password, Duration pollInterval,
                              int failureThreshold, List<String> sambaTool, List<String> sambaToolOptions,
                              Duration commandTimeout, Map<String, DirectorySettings> partners) {

    private static final String[] KEYS = {"url", "user", "passwordEnv", "passwordFile", "caFile", "tlsHostName",
        "pollInterval", "failureThreshold", "operationTimeout", "sambaTool", "sambaToolOptions", "commandTimeout",
        "partners"};
    private static final String[] PARTNER_KEYS = {"url", "caFile", "tlsHostName"};

    public SambaAdSettings {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(pollInterval, "pollInterval");
        sambaTool = List.copyOf(sambaTool);
        sambaToolOptions = List.copyOf(sambaToolOptions);
        Objects.requireNonNull(commandTimeout, "commandTimeout");
        partners = Map.copyOf(partners);
    }

    /**
     * Where the bind password comes from: an environment variable, or a file (UTF-8, one trailing line break
     * ignored). Its {@code toString} names the source, never the secret.
     */
    public record PasswordSource(Optional<String> env, Optional<Path> file, Function<String, String> environment) {

        /** Reads the password now; the caller clears the array after the bind. */
        public char[] read() throws IOException {
            if (env.isPresent()) {
                String v = environment.apply(env.get());
                if (v == null || v.isEmpty()) {
                    throw new IOException("environment variable " + env.get() + " holds no password");
                }
                return v.toCharArray();
            }
            byte[] bytes = Files.readAllBytes(file.orElseThrow());
            try {
                CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes));
                int end = chars.limit();
                if (end > 0 && chars.get(end - 1) == '\n') {
                    end--;
                }
                if (end > 0 && chars.get(end - 1) == '\r') {
                    end--;
                }
                char[] password = Arrays.copyOf(chars.array(), end);
                Arrays.fill(chars.array(), '\0');
                if (password.length == 0) {
                    throw new IOException("password file " + file.get() + " is empty");
                }
                return password;
            } catch (CharacterCodingException e) {
                throw new IOException("password file " + file.get() + " is not UTF-8");
            } finally {
                Arrays.fill(bytes, (byte) 0);
            }
        }

        @Override
        public String toString() {
            return env.map(e -> "environment variable " + e).orElseGet(() -> "file " + file.orElseThrow());
        }
    }

    /**
     * Reads the settings.
     *
     * @param env the environment ({@code passwordEnv})
     * @throws org.replprov.config.ConfigException naming the file, line, column and key of the value that is wrong
     */
    public static SambaAdSettings parse(ConfigNode settings, Function<String, String> env) {
        ConfigNode s = settings.allowOnly(KEYS);
        String user = s.get("user").string();
        Duration operationTimeout = s.get("operationTimeout").duration(DirectorySettings.DEFAULT_OPERATION_TIMEOUT,
                Duration.ofSeconds(1), Duration.ofMinutes(10));
        DirectorySettings directory = directory(s, user, operationTimeout, false);

        ConfigNode passwordEnv = s.get("passwordEnv");
        ConfigNode passwordFile = s.get("passwordFile");
        if (passwordEnv.present() == passwordFile.present()) {
            throw (passwordEnv.present() ? passwordFile : s.get("passwordEnv"))
                    .error("give the bind password in exactly one of passwordEnv and passwordFile");
        }
        PasswordSource password;
        if (passwordEnv.present()) {
            String name = passwordEnv.string().trim();
            String value = env.apply(name);
            if (value == null || value.isEmpty()) {
                throw passwordEnv.error("environment variable " + name + " is not set");
            }
            password = new PasswordSource(Optional.of(name), Optional.empty(), env);
        } else {
            Path file = Path.of(passwordFile.string().trim());
            if (!Files.isReadable(file)) {
                throw passwordFile.error("cannot read " + file);
            }
            password = new PasswordSource(Optional.empty(), Optional.of(file), env);
        }
        Duration poll = s.get("pollInterval").duration(Duration.ofSeconds(15), Duration.ofMillis(100),
                Duration.ofDays(1));
        int threshold = s.get("failureThreshold").integer(2, 1, 1_000_000);
        List<String> tool = strings(s.get("sambaTool"), List.of("samba-tool"), true);
        List<String> toolOptions = strings(s.get("sambaToolOptions"), List.of(), false);
        Duration commandTimeout = s.get("commandTimeout").duration(Duration.ofMinutes(2), Duration.ofSeconds(1),
                Duration.ofHours(1));
        Map<String, DirectorySettings> partners = new LinkedHashMap<>();
        ConfigNode p = s.get("partners");
        if (p.present()) {
            for (String host : p.keys()) {
                ConfigNode partner = p.get(host).allowOnly(PARTNER_KEYS);
                partners.put(host.toLowerCase(Locale.ROOT), directory(partner, user, operationTimeout, true));
            }
        }
        return new SambaAdSettings(directory, password, poll, threshold, tool, toolOptions, commandTimeout,
                partners);
    }

    /** The settings for a partner DC: configured under {@code partners}, else ldaps://its-name with our CA file. */
    public DirectorySettings partner(String dnsHostName) {
        DirectorySettings configured = partners.get(dnsHostName.toLowerCase(Locale.ROOT));
        if (configured != null) {
            return configured;
        }
        return new DirectorySettings(URI.create("ldaps://" + dnsHostName), directory.user(), directory.caFile(),
                Optional.empty(), directory.connectTimeout(), directory.operationTimeout(), directory.maxEntries(),
                directory.maxMessageBytes());
    }

    private static DirectorySettings directory(ConfigNode s, String user, Duration operationTimeout,
                                               boolean partner) {
        ConfigNode urlNode = s.get("url");
        String text = urlNode.string().trim();
        if (partner && LdapiUrl.is(text)) {
            throw urlNode.error("a partner is another DC, which ldapi:// (a socket on this machine) cannot reach: "
                    + "use ldaps://host or ldap://host (StartTLS)");
        }
        URI url;
        try {
            url = LdapiUrl.is(text) ? LdapiUrl.parse(text) : new URI(text);
        } catch (URISyntaxException e) {
            throw urlNode.error("is not a URL: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw urlNode.error(e.getMessage());
        }
        Optional<Path> ca = s.get("caFile").present() ? Optional.of(Path.of(s.get("caFile").string().trim()))
                : Optional.empty();
        if (ca.isPresent() && !Files.isReadable(ca.get())) {
            throw s.get("caFile").error("cannot read " + ca.get());
        }
        DirectorySettings d;
        try {
            d = new DirectorySettings(url, user, ca, Optional.empty(),
                    DirectorySettings.DEFAULT_CONNECT_TIMEOUT, operationTimeout, DirectorySettings.DEFAULT_MAX_ENTRIES,
                    DirectorySettings.DEFAULT_MAX_MESSAGE_BYTES);
        } catch (IllegalArgumentException e) {
            throw urlNode.error(e.getMessage());
        }
        if (d.socket().isPresent()) {
            if (s.get("tlsHostName").present()) {
                throw s.get("tlsHostName").error("has no meaning for " + text + ": a local socket has no TLS");
            }
            checkSocket(urlNode, d.socket().get());
            return d;
        }
        return s.get("tlsHostName").present() ? d.withTlsHostName(s.get("tlsHostName").string().trim()) : d;
    }

    /**
     * The socket's directory must exist and be reachable by this process: a typo, another build's private directory
     * ({@code /usr/local/samba/private}) or a process that may not enter Samba's private directory (mode 0700, root)
     * is a configuration error. A missing socket is not: Samba creates it when it starts, which may be after
     * replprov, and until then the engine reports the DC unreachable, naming the socket.
     */
    private static void checkSocket(ConfigNode urlNode, Path socket) {
        Path directory = socket.getParent();
        if (!Files.isDirectory(directory)) {
            throw urlNode.error("the socket's directory " + directory + " does not exist or this user may not enter "
                    + "it (Samba keeps its private directory to root)");
        }
        if (Files.exists(socket) && (Files.isRegularFile(socket) || Files.isDirectory(socket))) {
            throw urlNode.error(socket + " is not a socket");
        }
    }

    private static List<String> strings(ConfigNode node, List<String> defaults, boolean required) {
        if (!node.present()) {
            return defaults;
        }
        List<String> values = new ArrayList<>();
        for (ConfigNode e : node.elements()) {
            values.add(e.string());
        }
        if (required && values.isEmpty()) {
            throw node.error("must name at least one word");
        }
        return values;
    }
}
