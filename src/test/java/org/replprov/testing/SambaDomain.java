package org.replprov.testing;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.RootDSE;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Two real Samba AD domain controllers of one domain ({@value #REALM}): DC1 provisioned it, DC2 joined it, and both
 * replicate every naming context to each other. Nothing leaves the machine. Start one per test class
 * ({@code @BeforeAll} / {@code @AfterAll}); {@link #close} tears everything down and deletes the state.
 *
 * <h2>Namespaces</h2>
 * Both DCs share one private network namespace that has only {@code lo}, with DC1 on 127.0.0.1 and DC2 on 127.0.0.2
 * (two hosts on one loopback "LAN": DRS replication needs them to reach each other, which separate network
 * namespaces could only do over veth pairs with non-loopback addresses). Each DC has its own mount, UTS and PID
 * namespace: its host name, a private {@code /etc/hosts}, {@code /etc/resolv.conf}, an empty
 * {@code /etc/samba/smb.conf} (so nothing of the host's configuration leaks into provisioning) and its own
 * {@code /var/lib/samba/winbindd_privileged}. Every process of a DC dies with its PID namespace.
 *
 * <h2>Reaching a DC from the test JVM</h2>
 * The JVM stays in the host's network namespace. For each DC, a {@code socat} in the host namespace listens on a free
 * port of 127.0.0.1 and, per connection, runs {@code nsenter --net=... socat} to the DC's 636 (LDAPS), 389 (LDAP
 * with StartTLS) or 445 (SMB, {@link DomainController#smbPort()}). {@link DomainController#ldapsUrl()} is that
 * address; the DC's certificate names {@link DomainController#hostName()} (subject CN, no subjectAltName), so clients
 * check it against that name.
 *
 * <h2>Lifetime</h2>
 * Every long-lived helper (the namespace holder, each DC's PID-1 shell, each forwarder) blocks reading its stdin, a
 * pipe from this JVM: if the JVM dies, even by SIGKILL, the pipe closes, the helper exits, and the kernel kills
 * everything in the DC's PID namespace. No daemon outlives the test run.
 *
 * <h2>Template cache</h2>
 * Provisioning, joining and the first replication take about 20 s, so the first start builds a template under
 * {@code target/samba-ad/} (keyed by the Samba version and {@link #LAYOUT_VERSION}) and every start copies it into
 * a fresh temporary directory, rewrites the absolute paths in the two {@code smb.conf} files (the only files that
 * contain them) and starts both DCs. {@code mvn clean} drops the cache.
 *
 * <h2>SMB logins: winbindd's socket</h2>
 * After a successful NTLM or Kerberos authentication, smbd maps the user's SIDs to Unix IDs by asking winbindd
 * through libwbclient. libwbclient does not read {@code winbindd socket directory}: it always connects to the
 * directory compiled in ({@code samba -b}: {@code WINBINDD_SOCKET_DIR}, {@code /run/samba/winbindd} on Debian),
 * while the DC's winbindd listens in its own {@code run/winbindd}. Without a winbindd there, every session setup
 * failed with {@code NT_STATUS_INTERNAL_ERROR} (smb2_sesssetup.c, right after "Auth: ... status [NT_STATUS_OK]"),
 * for smbclient in the DC's namespaces as for any client. So each DC's mount namespace binds its {@code run}
 * directory over {@code /run/samba}, where libwbclient finds the DC's own winbindd. Samba writes its log, smbd's and
 * winbindd's included, to {@code samba.log} in the DC's directory at {@link #LOG_LEVEL}.
 *
 * <h2>The {@code _msdcs} fix</h2>
 * DRS connects to {@code <DSA objectGUID>._msdcs.<forest>}. Samba's DNS registration skips loopback addresses, so
 * neither the DCs' A records nor DC2's {@code _msdcs} alias exist after the join, and every pull would fail with
 * {@code WERR_FILE_NOT_FOUND}. The build adds them with {@code samba-tool dns add}, as the registration would have.
 */
public final class SambaDomain implements AutoCloseable {

    public static final String REALM = "REPLPROV.TEST";
    public static final String DNS_DOMAIN = "replprov.test";
    public static final String NETBIOS_DOMAIN = "REPLPROV";
    public static final String DOMAIN_DN = "DC=replprov,DC=test";
    public static final String ADMIN = "Administrator";
    public static final String ADMIN_PASSWORD = "Replprov-Passw0rd-1";

    /** Change when the build recipe changes: a template built by an older recipe is then rebuilt. */
    static final int LAYOUT_VERSION = 2;

    /**
     * Enough to explain a failed SMB login in samba.log: the authentication outcome (auth_audit) and every SMB2 error
     * with the source line that set it (smb2); everything else at level 1.
     */
    static final String LOG_LEVEL = "1 auth_audit:3 smb2:3";

    private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final Path CACHE = Path.of("target", "samba-ad");

    /** How a start went, for the benchmark and failure messages. */
    public record Startup(boolean templateBuilt, Duration build, Duration copy, Duration start) {
    }

    /** What a command run in a DC's namespaces printed and how it ended. */
    public record ToolResult(List<String> command, int exitCode, String stdout, String stderr, boolean timedOut,
                             Duration elapsed) {

        public boolean ok() {
            return !timedOut && exitCode == 0;
        }

        /** This result, or an exception with the command and everything it printed. */
        public ToolResult requireOk() {
            if (!ok()) {
                throw new IllegalStateException(this.toString());
            }
            return this;
        }

        @Override
        public String toString() {
            return String.join(" ", command) + (timedOut ? " timed out after " + elapsed : " exited " + exitCode)
                    + "\n--- stdout:\n" + stdout + "\n--- stderr:\n" + stderr;
        }
    }

    private final Path root;
    private final List<DomainController> controllers;
    private final List<Process> helpers = new ArrayList<>();
    private Process holder;
    private Startup startup;

    private SambaDomain(Path root) {
        this.root = root;
        this.controllers = List.of(new DomainController("DC1", "127.0.0.1"), new DomainController("DC2", "127.0.0.2"));
    }

    /**
     * Starts both DCs from the template, building the template first when there is none for this Samba version.
     * Fails (never skips) when a needed program is missing, naming its Debian package.
     */
    @SuppressWarnings("try") // the lock is held for the block, never referenced
    public static SambaDomain start() throws IOException, InterruptedException {
        requireTools();
        Files.createDirectories(CACHE);
        long t0 = System.nanoTime();
        Path template = CACHE.resolve("template-v" + LAYOUT_VERSION + "-" + sambaVersion()).toAbsolutePath();
        boolean built = false;
        // Test classes in other forks may start at the same time: one builds, the others wait for it.
        try (FileChannel lockFile = FileChannel.open(CACHE.resolve("build.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = lockFile.lock()) {
            if (!Files.isRegularFile(template.resolve("template.properties"))) {
                buildTemplate(template);
                built = true;
            }
        }
        long t1 = System.nanoTime();
        Path root = Files.createTempDirectory("replprov-samba-ad-");
        copyTemplate(template, root);
        long t2 = System.nanoTime();
        SambaDomain domain = new SambaDomain(root);
        try {
            domain.launchNamespaces();
            domain.startAll();
        } catch (IOException | InterruptedException | RuntimeException e) {
            domain.close();
            throw e;
        }
        domain.startup = new Startup(built, Duration.ofNanos(t1 - t0), Duration.ofNanos(t2 - t1),
                Duration.ofNanos(System.nanoTime() - t2));
        return domain;
    }

    /** Deletes every cached template, so that the next {@link #start} provisions from scratch (for the benchmark). */
    public static void dropTemplateCache() throws IOException {
        if (Files.isDirectory(CACHE)) {
            try (Stream<Path> dirs = Files.list(CACHE)) {
                for (Path d : dirs.filter(d -> d.getFileName().toString().startsWith("template-")).toList()) {
                    deleteTree(d);
                }
            }
        }
    }

    public DomainController dc1() {
        return controllers.get(0);
    }

    public DomainController dc2() {
        return controllers.get(1);
    }

    public List<DomainController> controllers() {
        return controllers;
    }

    /** The administrator's user principal name, a valid simple-bind name. */
    public String adminUpn() {
        return ADMIN + "@" + REALM;
    }

    /** The administrator's DN. */
    public String adminDn() {
        return "CN=" + ADMIN + ",CN=Users," + DOMAIN_DN;
    }

    public String adminPassword() {
        return ADMIN_PASSWORD;
    }

    public Startup startup() {
        return startup;
    }

    /**
     * Ends every helper process, which kills both DCs with their PID namespaces (no graceful stop: the state is
     * thrown away), and deletes the state directory.
     */
    @Override
    public void close() {
        closeNamespaces();
        for (DomainController dc : controllers) {
            dc.abandon();
        }
        deleteTree(root);
    }

    // ---------------------------------------------------------------- building the template

    private static void buildTemplate(Path template) throws IOException, InterruptedException {
        Path build = Files.createTempDirectory(CACHE.toAbsolutePath(), "build-");
        SambaDomain d = new SambaDomain(build);
        try {
            d.writeEtc();
            d.launchNamespaces();
            d.provisionAndJoin();
            d.fixMsdcsAndReplicate();
            for (DomainController dc : d.controllers) {
                dc.stop();
            }
            d.closeNamespaces();
            d.cleanRuntimeFiles();
            Properties p = new Properties();
            p.setProperty("root", build.toString());
            try (var out = Files.newOutputStream(build.resolve("template.properties"))) {
                p.store(out, "replprov Samba AD test domain; paths in dc*/etc/smb.conf start with root");
            }
            deleteTree(template);
            Files.move(build, template, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | InterruptedException | RuntimeException e) {
            d.close();
            throw e;
        }
    }

    private void writeEtc() throws IOException {
        Path etc = Files.createDirectories(root.resolve("etc"));
        Files.writeString(etc.resolve("hosts"), "127.0.0.1 localhost\n"
                + "127.0.0.1 dc1." + DNS_DOMAIN + " dc1\n127.0.0.2 dc2." + DNS_DOMAIN + " dc2\n");
        // Each DC answers DNS for the domain; timeout:1 keeps lookups short while one of them is stopped.
        Files.writeString(etc.resolve("resolv.conf"), "search " + DNS_DOMAIN
                + "\nnameserver 127.0.0.1\nnameserver 127.0.0.2\noptions timeout:1 attempts:2\n");
        Files.writeString(etc.resolve("empty-smb.conf"), "");
    }

    private List<String> dcOptions(DomainController dc) {
        Path d = dc.dir();
        List<String> o = new ArrayList<>();
        for (String option : List.of("interfaces=" + dc.address, "bind interfaces only=yes",
                "dns forwarder=" + dc.address, "pid directory=" + d.resolve("run"),
                "ncalrpc dir=" + d.resolve("run/ncalrpc"), "winbindd socket directory=" + d.resolve("run/winbindd"),
                "ntp signd socket directory=" + d.resolve("run/ntp_signd"), "log file=" + d.resolve("log/log.%m"),
                "logging=file", "log level=" + LOG_LEVEL, "load printers=no", "printing=bsd", "printcap name=/dev/null",
                "disable spoolss=yes", "prefork children=2")) {
            o.add("--option=" + option);
        }
        return o;
    }

    private void provisionAndJoin() throws IOException, InterruptedException {
        DomainController dc1 = dc1();
        DomainController dc2 = dc2();
        List<String> provision = new ArrayList<>(List.of("samba-tool", "domain", "provision", "--realm=" + REALM,
                "--domain=" + NETBIOS_DOMAIN, "--server-role=dc", "--dns-backend=SAMBA_INTERNAL", "--use-rfc2307",
                "--adminpass=" + ADMIN_PASSWORD, "--host-name=dc1", "--host-ip=" + dc1.address,
                "--targetdir=" + dc1.dir()));
        provision.addAll(dcOptions(dc1));
        dc1.run(TOOL_TIMEOUT, provision, false).requireOk();
        Files.copy(dc1.dir().resolve("private/krb5.conf"), root.resolve("etc/krb5.conf"));
        dc1.start();
        List<String> join = new ArrayList<>(List.of("samba-tool", "domain", "join", REALM, "DC", "-U", ADMIN,
                "--server=" + dc1.address, "--targetdir=" + dc2.dir(), "--dns-backend=SAMBA_INTERNAL",
                "--option=netbios name=DC2"));
        join.addAll(dcOptions(dc2));
        dc2.run(TOOL_TIMEOUT, join, true).requireOk();
        dc2.start();
    }

    private void fixMsdcsAndReplicate() throws IOException, InterruptedException {
        DomainController dc1 = dc1();
        UUID dc2Guid = dc2().showRepl().dsa().objectGuid();
        for (List<String> record : List.of(List.of(DNS_DOMAIN, "dc1", "A", dc1.address),
                List.of(DNS_DOMAIN, "dc2", "A", dc2().address),
                List.of("_msdcs." + DNS_DOMAIN, dc2Guid.toString(), "CNAME", dc2().hostName()))) {
            List<String> add = new ArrayList<>(List.of("dns", "add", dc1.address));
            add.addAll(record);
            dc1.sambaTool(TOOL_TIMEOUT, add.toArray(String[]::new)).requireOk();
        }
        List<String> ncs = List.of(DOMAIN_DN, "CN=Configuration," + DOMAIN_DN, "CN=Schema,CN=Configuration,"
                + DOMAIN_DN, "DC=DomainDnsZones," + DOMAIN_DN, "DC=ForestDnsZones," + DOMAIN_DN);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<CompletableFuture<ToolResult>> runs = new ArrayList<>();
            for (DomainController dc : controllers) {
                runs.add(async(pool, () -> dc.sambaTool(TOOL_TIMEOUT, "drs", "kcc", dc.hostName())));
            }
            await(runs);
            // DsReplicaSync of every NC in both directions: each pull also makes the source add a repsTo value
            // for the puller (DRS_ADD_REF), so afterwards every NC head of both DCs has one repsFrom and one repsTo.
            runs.clear();
            for (String nc : ncs) {
                for (DomainController dest : controllers) {
                    DomainController source = dest == dc1 ? dc2() : dc1;
                    runs.add(async(pool, () -> dest.sambaTool(TOOL_TIMEOUT, "drs", "replicate", dest.hostName(),
                            source.hostName(), nc)));
                }
            }
            await(runs);
        } finally {
            pool.shutdownNow();
        }
        // Under load a parallel pull can come back before the source has stored its repsTo value, or fail
        // transiently: pull again, one at a time, what a DC's repsTo still lacks.
        for (int round = 1; ; round++) {
            List<String> missing = new ArrayList<>();
            for (DomainController dc : controllers) {
                ShowRepl s = dc.showRepl();
                DomainController partner = dc == dc1 ? dc2() : dc1;
                for (String nc : ncs) {
                    boolean to = s.repsTo().stream().anyMatch(n -> n.ncDn().equalsIgnoreCase(nc));
                    boolean from = s.repsFrom().stream().anyMatch(n -> n.ncDn().equalsIgnoreCase(nc)
                            && n.successful());
                    if (!to) {
                        missing.add(dc.name + " repsTo " + nc);
                        partner.sambaTool(TOOL_TIMEOUT, "drs", "replicate", partner.hostName(), dc.hostName(), nc);
                    }
                    if (!from) {
                        missing.add(dc.name + " repsFrom " + nc);
                        dc.sambaTool(TOOL_TIMEOUT, "drs", "replicate", dc.hostName(), partner.hostName(), nc);
                    }
                }
            }
            if (missing.isEmpty()) {
                return;
            }
            if (round == 5) {
                throw new IllegalStateException("the DCs do not replicate every NC with each other after the build; "
                        + "still missing: " + missing);
            }
            Thread.sleep(1000);
        }
    }

    private interface Tool {
        ToolResult run() throws IOException, InterruptedException;
    }

    private static CompletableFuture<ToolResult> async(ExecutorService pool, Tool tool) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return tool.run().requireOk();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }, pool);
    }

    private static void await(List<CompletableFuture<ToolResult>> runs) {
        CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).join();
    }

    /** Sockets and PID files of the stopped DCs: meaningless in a copy (and sockets do not copy). */
    private void cleanRuntimeFiles() throws IOException {
        for (DomainController dc : controllers) {
            deleteTree(dc.dir().resolve("run"));
            try (Stream<Path> files = Files.walk(dc.dir())) {
                for (Path p : files.filter(p -> !Files.isDirectory(p) && !Files.isRegularFile(p)
                        && !Files.isSymbolicLink(p)).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private static void copyTemplate(Path template, Path root) throws IOException, InterruptedException {
        // cp -a keeps the extended attributes (the sysvol ACLs in security.NTACL) that Files.copy would drop.
        Process cp = new ProcessBuilder("cp", "-a", template + "/.", root.toString()).redirectErrorStream(true)
                .start();
        String out = new String(cp.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!cp.waitFor(120, TimeUnit.SECONDS) || cp.exitValue() != 0) {
            throw new IOException("copying the Samba AD template failed: " + out);
        }
        Properties p = new Properties();
        try (var in = Files.newInputStream(root.resolve("template.properties"))) {
            p.load(in);
        }
        String old = p.getProperty("root");
        for (String dc : List.of("dc1", "dc2")) {
            Path conf = root.resolve(dc).resolve("etc/smb.conf");
            Files.writeString(conf, Files.readString(conf).replace(old, root.toString()));
        }
    }

    // ---------------------------------------------------------------- namespaces and helpers

    private void launchNamespaces() throws IOException, InterruptedException {
        holder = helper(List.of("unshare", "--net", "--", "sh", "-c",
                "ip link set lo up && ip addr add 127.0.0.2/8 dev lo && echo ready && read -r _"), "network");
        for (DomainController dc : controllers) {
            dc.launchBox();
            dc.ldapsPort = forward(dc.address, 636);
            dc.ldapPort = forward(dc.address, 389);
            dc.smbPort = forward(dc.address, 445);
        }
    }

    /** A helper that prints "ready" when set up and lives until its stdin closes. */
    private Process helper(List<String> command, String what) throws IOException {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        helpers.add(p);
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (!"ready".equals(line)) {
            throw new IOException("the " + what + " namespace did not start (" + command + " printed " + line
                    + ", exit " + (p.isAlive() ? "none" : p.exitValue()) + ")");
        }
        return p;
    }

    private String netns() {
        return "/proc/" + holder.pid() + "/ns/net";
    }

    /** A socat on a free 127.0.0.1 port of the host namespace, forwarding to {@code address:port} in the DCs'. */
    private int forward(String address, int port) throws IOException, InterruptedException {
        int local = TestDaemon.freePort();
        // Its own PID namespace, so that the per-connection children die with it.
        Process p = new ProcessBuilder("unshare", "--pid", "--fork", "--", "sh", "-c",
                "socat TCP-LISTEN:$1,bind=127.0.0.1,reuseaddr,fork \"EXEC:nsenter --net=$2 socat STDIO TCP\\:$3\\:$4\""
                        + " & read -r _", "sh", Integer.toString(local), netns(), address, Integer.toString(port))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        helpers.add(p);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", local), 200);
                return local;
            } catch (IOException e) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    throw new IOException("socat did not listen on 127.0.0.1:" + local, e);
                }
                Thread.sleep(20);
            }
        }
    }

    private void startAll() throws IOException, InterruptedException {
        for (DomainController dc : controllers) {
            dc.launchSamba();
        }
        for (DomainController dc : controllers) {
            dc.awaitReady();
        }
    }

    private void closeNamespaces() {
        for (Process p : helpers) {
            try {
                p.getOutputStream().close();
            } catch (IOException e) {
                // Already gone: nothing to close.
            }
        }
        for (Process p : helpers) {
            try {
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
        helpers.clear();
    }

    private static void requireTools() {
        for (String[] t : new String[][] {{"samba", "samba-ad-dc"}, {"samba-tool", "samba-ad-dc"},
            {"unshare", "util-linux"}, {"nsenter", "util-linux"}, {"ip", "iproute2"}, {"socat", "socat"},
            {"winbindd", "winbind"}}) {
            Tools.require(t[0], t[1]);
        }
        // samba-ad-dc is a metapackage (the DC's ldb modules come with it); samba-ad-provision is only recommended.
        for (String[] f : new String[][] {{"/usr/share/doc/samba-ad-dc", "samba-ad-dc"},
            {"/usr/share/samba/setup/ad-schema", "samba-ad-provision"}}) {
            if (!Files.isDirectory(Path.of(f[0]))) {
                throw new IllegalStateException(f[0] + " is missing: install the Debian package " + f[1]
                        + " (scripts/test does)");
            }
        }
    }

    private static String sambaVersion() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(Tools.require("samba", "samba-ad-dc"), "-V").redirectErrorStream(true).start();
        String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        p.waitFor(30, TimeUnit.SECONDS);
        return v.replaceAll("[^A-Za-z0-9.+-]", "_");
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    // ---------------------------------------------------------------- one DC

    /** One domain controller: its addresses, files, processes, and commands run in its namespaces. */
    public final class DomainController {

        private final String name;
        private final String address;
        private Process box;
        private long boxPid;
        private Process samba;
        private int ldapsPort;
        private int ldapPort;
        private int smbPort;

        private DomainController(String name, String address) {
            this.name = name;
            this.address = address;
        }

        /** {@code DC1} or {@code DC2}: the NetBIOS name. */
        public String name() {
            return name;
        }

        /** The DNS name, which is also the subject CN of its certificate. */
        public String hostName() {
            return name.toLowerCase() + "." + DNS_DOMAIN;
        }

        /** Its address inside the DCs' network namespace (127.0.0.1 or 127.0.0.2). */
        public String address() {
            return address;
        }

        /** LDAPS as the test JVM reaches it (a forwarded port of the host's 127.0.0.1). */
        public URI ldapsUrl() {
            return URI.create("ldaps://127.0.0.1:" + ldapsPort);
        }

        /** Plain LDAP (StartTLS required before a bind) as the test JVM reaches it. */
        public URI ldapUrl() {
            return URI.create("ldap://127.0.0.1:" + ldapPort);
        }

        /** SMB (the DC's 445: the sysvol and netlogon shares) as the test JVM reaches it: a port of 127.0.0.1. */
        public int smbPort() {
            return smbPort;
        }

        /** The CA certificate Samba generated at its first start; it signed the DC's LDAPS certificate. */
        public Path caFile() {
            return dir().resolve("private/tls/ca.pem");
        }

        /** Its state directory ({@code --targetdir}). */
        public Path dir() {
            return root.resolve(name.toLowerCase());
        }

        public Path smbConf() {
            return dir().resolve("etc/smb.conf");
        }

        /**
         * Runs {@code samba-tool args...} in this DC's namespaces against its own smb.conf, as the domain
         * administrator (the password passes in the environment, not on the command line).
         */
        public ToolResult sambaTool(Duration timeout, String... args) throws IOException, InterruptedException {
            List<String> command = new ArrayList<>();
            command.add("samba-tool");
            command.addAll(List.of(args));
            command.addAll(List.of("-s", smbConf().toString(), "-U", ADMIN));
            return run(timeout, command, true);
        }

        /**
         * The words that run a command in this DC's namespaces with the domain's krb5.conf, as a program outside
         * the test (an engine's configured command) runs it: append the command.
         */
        public List<String> commandPrefix() {
            return List.of("nsenter", "-t", Long.toString(boxPid), "-n", "-m", "-u", "-p", "--", "env",
                    "KRB5_CONFIG=" + root.resolve("etc/krb5.conf"));
        }

        /** {@code samba-tool drs showrepl --json} of this DC, parsed. */
        public ShowRepl showRepl() throws IOException, InterruptedException {
            return ShowRepl.parse(sambaTool(TOOL_TIMEOUT, "drs", "showrepl", "--json").requireOk().stdout());
        }

        /**
         * Runs {@code command} in this DC's network, mount, UTS and PID namespaces with {@code KRB5_CONFIG} set to
         * the domain's krb5.conf; kills it (and whatever it started) after {@code timeout}.
         */
        public ToolResult run(Duration timeout, List<String> command, boolean asAdmin)
                throws IOException, InterruptedException {
            List<String> full = new ArrayList<>(List.of("nsenter", "-t", Long.toString(boxPid), "-n", "-m", "-u",
                    "-p", "--"));
            full.addAll(command);
            ProcessBuilder pb = new ProcessBuilder(full);
            environment(pb.environment(), asAdmin);
            Path out = Files.createTempFile(root, "cmd", ".out");
            Path err = Files.createTempFile(root, "cmd", ".err");
            long start = System.nanoTime();
            try {
                Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
                if (!done) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
                return new ToolResult(command, done ? p.exitValue() : -1, Files.readString(out),
                        Files.readString(err), !done, Duration.ofNanos(System.nanoTime() - start));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        }

        private void environment(Map<String, String> env, boolean asAdmin) {
            env.put("KRB5_CONFIG", root.resolve("etc/krb5.conf").toString());
            if (asAdmin) {
                // Samba's command-line credentials take the password from PASSWD when -U names no password.
                env.put("PASSWD", ADMIN_PASSWORD);
            }
        }

        private void launchBox() throws IOException {
            Files.createDirectories(dir());
            // PID 1 of the DC's PID namespace: sets up its private files, then waits for the JVM (stdin).
            String script = "set -e\n"
                    + "hostname \"$1\"\n"
                    + "mount -n --bind \"$3/hosts\" /etc/hosts\n"
                    + "mount -n --bind \"$3/resolv.conf\" /etc/resolv.conf\n"
                    + "if [ -e /etc/samba/smb.conf ]; then mount -n --bind \"$3/empty-smb.conf\" /etc/samba/smb.conf;"
                    + " fi\n"
                    + "mkdir -p \"$2/run/winbindd_privileged\""
                    + " /var/lib/samba/winbindd_privileged\n"
                    + "chmod 0750 \"$2/run/winbindd_privileged\"\n"
                    + "mount -n --bind \"$2/run/winbindd_privileged\" /var/lib/samba/winbindd_privileged\n"
                    // smbd asks winbindd through libwbclient, which ignores "winbindd socket directory" and uses
                    // the built-in one (samba -b: WINBINDD_SOCKET_DIR, /run/samba/winbindd): see the class comment.
                    + "mkdir -p \"$2/log\" /run/samba\n"
                    + "mount -n --bind \"$2/run\" /run/samba\n"
                    + "echo ready\n"
                    + "read -r _ || true\n";
            box = helper(List.of("nsenter", "--net=" + netns(), "--", "unshare", "--mount", "--uts", "--pid",
                    "--fork", "--mount-proc", "--propagation", "private", "--", "sh", "-c", script, "sh",
                    name.toLowerCase(), dir().toString(), root.resolve("etc").toString()), name);
            // unshare --fork: the shell that is PID 1 inside is unshare's only child.
            boxPid = box.children().findFirst().orElseThrow(() -> new IOException(name + ": no namespace init"))
                    .pid();
        }

        private void launchSamba() throws IOException {
            // setsid: samba signals "its" process group when it stops; it must not be ours.
            ProcessBuilder pb = new ProcessBuilder("nsenter", "-t", Long.toString(boxPid), "-n", "-m", "-u", "-p",
                    "--", "setsid", "samba", "--foreground", "--no-process-group", "--debug-stdout", "-s",
                    smbConf().toString());
            environment(pb.environment(), false);
            samba = pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(
                    dir().resolve("samba.log").toFile())).start();
        }

        private void awaitReady() throws IOException, InterruptedException {
            long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
            LDAPConnectionOptions options = new LDAPConnectionOptions();
            options.setConnectTimeoutMillis(1000);
            options.setResponseTimeoutMillis(2000);
            while (true) {
                try (LDAPConnection c = new LDAPConnection(options, "127.0.0.1", ldapPort)) {
                    RootDSE dse = c.getRootDSE();
                    if (dse != null && dse.getAttributeValue("defaultNamingContext") != null) {
                        return;
                    }
                } catch (LDAPException e) {
                    // Not listening yet.
                }
                if (!samba.isAlive()) {
                    throw new IOException(name + ": samba exited with " + samba.exitValue() + ":\n" + log());
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException(name + ": LDAP did not answer within " + READY_TIMEOUT + ":\n" + log());
                }
                Thread.sleep(100);
            }
        }

        /** Starts the DC (again) and waits until its LDAP server answers. */
        public void start() throws IOException, InterruptedException {
            if (running()) {
                return;
            }
            launchSamba();
            awaitReady();
        }

        /**
         * Stops the DC gracefully: SIGTERM to every one of its processes, as an init system would, SIGKILL to what is
         * left after 30 s. Its state stays; {@link #start} starts it again.
         */
        public void stop() throws IOException, InterruptedException {
            if (samba == null) {
                return;
            }
            resume();
            signalAll("TERM");
            if (!samba.waitFor(30, TimeUnit.SECONDS) || !quiet(Duration.ofSeconds(5))) {
                signalAll("KILL");
                samba.waitFor(10, TimeUnit.SECONDS);
            }
            samba = null;
        }

        /**
         * Whether the DC's PID namespace is down to its PID 1 within {@code t}. Orphans are re-parented to that shell,
         * which does not reap them while it blocks in {@code read}: zombies count as gone.
         */
        private boolean quiet(Duration t) throws InterruptedException {
            long deadline = System.nanoTime() + t.toNanos();
            while (box.descendants().anyMatch(h -> h.pid() != boxPid && !zombie(h))) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
                Thread.sleep(20);
            }
            return true;
        }

        private static boolean zombie(ProcessHandle h) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(h.pid()), "stat"));
                // "pid (comm) state ...": comm may contain anything, the state follows the last ')'.
                return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
            } catch (IOException | IndexOutOfBoundsException e) {
                return true;
            }
        }

        /** For teardown: the namespace's end kills the processes, so only wait for samba's nsenter to notice. */
        private void abandon() {
            if (samba != null) {
                try {
                    samba.waitFor(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                samba = null;
            }
        }

        public boolean running() {
            return samba != null && samba.isAlive();
        }

        /**
         * Freezes every process of the DC (SIGSTOP): it keeps its sockets but answers nothing, like a hung or
         * partitioned server; partners see timeouts rather than refused connections.
         */
        public void suspend() throws IOException, InterruptedException {
            signalAll("STOP").requireOk();
        }

        /** Lets a suspended DC run again (SIGCONT). */
        public void resume() throws IOException, InterruptedException {
            signalAll("CONT").requireOk();
            if (samba != null && samba.isAlive()) {
                // nsenter, samba's parent outside the namespace, stops itself when its child stops (util-linux
                // continue_as_child) and would never reap samba again: continue it too.
                Process kill = new ProcessBuilder("kill", "-s", "CONT", Long.toString(samba.pid()))
                        .redirectErrorStream(true).start();
                kill.getInputStream().readAllBytes();
                kill.waitFor(10, TimeUnit.SECONDS);
            }
        }

        private ToolResult signalAll(String signal) throws IOException, InterruptedException {
            // kill(-1) inside the PID namespace reaches every process of the DC but its PID 1, in one system call.
            // The shell's kill, as util-linux kill takes "-1" for an option.
            return run(Duration.ofSeconds(10), List.of("sh", "-c", "kill -s \"$1\" -- -1", "sh", signal), false);
        }

        /** Proportional set size of all of the DC's processes, in bytes (shared pages split among sharers). */
        public long memoryPss() throws IOException {
            long kib = 0;
            // samba's own tree hangs below nsenter; processes orphaned inside the namespace below its PID 1.
            List<ProcessHandle> processes = new ArrayList<>(box.descendants().toList());
            if (samba != null) {
                processes.addAll(samba.descendants().toList());
            }
            for (ProcessHandle h : processes) {
                Path rollup = Path.of("/proc", Long.toString(h.pid()), "smaps_rollup");
                try {
                    for (String line : Files.readAllLines(rollup)) {
                        if (line.startsWith("Pss:")) {
                            kib += Long.parseLong(line.replaceAll("[^0-9]", ""));
                        }
                    }
                } catch (IOException e) {
                    // The process exited meanwhile.
                }
            }
            return kib * 1024;
        }

        /** What samba printed, for failure messages. */
        public String log() {
            try {
                return Files.readString(dir().resolve("samba.log"));
            } catch (IOException e) {
                return "(no samba.log: " + e + ")";
            }
        }

        @Override
        public String toString() {
            return name + " (" + hostName() + ", " + address + ", " + ldapsUrl() + ")";
        }
    }
}
