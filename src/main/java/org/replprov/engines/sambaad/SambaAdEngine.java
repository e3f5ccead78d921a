package org.replprov.engines.sambaad;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;

import org.replprov.drsr.RepsTo;
import org.replprov.drsr.UpToDateCursor;
import org.replprov.drsr.Win32Error;
import org.replprov.engine.spi.Backlog;
import org.replprov.engine.spi.BandwidthLevel;
import org.replprov.engine.spi.Capability;
import org.replprov.engine.spi.ConnectionFailure;
import org.replprov.engine.spi.EngineError;
import org.replprov.engine.spi.EngineException;
import org.replprov.engine.spi.Link;
import org.replprov.engine.spi.LinkHealth;
import org.replprov.engine.spi.LinkRemoved;
import org.replprov.engine.spi.Observation;
import org.replprov.engine.spi.Observer;
import org.replprov.engine.spi.ReplicationEngine;
import org.replprov.engine.spi.ReplicationMode;
import org.replprov.engine.spi.RepsToStore;
import org.replprov.engine.spi.Scope;
import org.replprov.engine.spi.SyncResults;
import org.replprov.engines.sambaad.directory.DirectoryException;
import org.replprov.engines.sambaad.directory.DirectoryReader;
import org.replprov.engines.sambaad.directory.DirectorySettings;
import org.replprov.engines.sambaad.directory.DirectorySnapshot;
import org.replprov.engines.sambaad.directory.NamingContextReplication;
import org.replprov.engines.sambaad.directory.RootDse;
import org.replprov.time.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code samba-ad} engine: monitors and drives the Active Directory replication of one domain controller over
 * LDAP (docs/engines.md, "samba-ad"). Every {@code pollInterval} it reads the DC ({@link DirectoryReader#readAll}) and
 * each inbound partner's rootDSE, turns that into facts ({@link Refresh}) and reports what changed; the
 * {@code repsTo} values go to the RepsToStore as read.
 *
 * <p>Reads and operations run on one worker thread per instance, so the LDAP connections (kept open between passes,
 * reopened after a failure) are never shared; scheduler tasks only hand work to it.
 */
final class SambaAdEngine implements ReplicationEngine {

    private static final Logger log = LoggerFactory.getLogger(SambaAdEngine.class);
    /** The file that records a Stop Sync override this engine put on the DC (survives a restart or kill -9). */
    static final String STOP_SYNC_FILE = "stop-sync";

    private final String instance;
    private final SambaAdSettings settings;
    private final Scheduler scheduler;
    private final Optional<RepsToStore> repsToStore;
    private final Path stateDirectory;
    private final SambaTool tool;
    private final ExecutorService worker;
    private final AtomicLong ldapOperations = new AtomicLong();

    private volatile Observer observer;
    private volatile boolean closed;
    private volatile Refresh.Result last;
    private volatile Scheduler.Cancellable next;

    // Touched only on the worker thread.
    private DirectoryReader local;
    private final Map<String, DirectoryReader> partnerReaders = new HashMap<>();
    private final Map<UUID, Link> reported = new HashMap<>();
    private final Map<UUID, LinkHealth> health = new HashMap<>();
    private final Map<List<UUID>, Long> backlogs = new HashMap<>();
    private final Set<String> ncsWithRepsTo = new LinkedHashSet<>();
    private Set<String> problems = Set.of();
    private int failedPasses;

    SambaAdEngine(String instance, SambaAdSettings settings, Scheduler scheduler, Optional<RepsToStore> repsTo,
                  Path stateDirectory) {
        this.instance = instance;
        this.settings = settings;
        this.scheduler = scheduler;
        this.repsToStore = repsTo;
        this.stateDirectory = stateDirectory;
        this.tool = new SambaTool(settings);
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "samba-ad-" + instance);
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void start(Observer o) {
        this.observer = o;
        submit(this::pass);
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.CHECK_CONNECTIVITY, Capability.FORCE_REPLICATION,
                Capability.FORCE_FOLDER_REPLICATION);
    }

    /** LDAP operations (binds and searches) made since the start, for the performance figures. */
    long ldapOperations() {
        return ldapOperations.get();
    }

    // ---------------------------------------------------------------- polling

    private void submit(Runnable task) {
        if (closed) {
            return;
        }
        try {
            worker.execute(task);
        } catch (RejectedExecutionException e) {
            // Closed meanwhile.
        }
    }

    /** One pass: read, report, schedule the next. Runs on the worker. */
    private void pass() {
        if (closed) {
            return;
        }
        Scheduler.Cancellable pending = next;
        if (pending != null) {
            pending.cancel();
        }
        try {
            refresh();
        } catch (RuntimeException e) {
            log.error("Engine {}: a pass failed", instance, e);
        } finally {
            if (!closed) {
                next = scheduler.schedule(scheduler.now().plus(settings.pollInterval()), () -> submit(this::pass));
            }
        }
    }

    private void refresh() {
        Instant now = scheduler.now();
        DirectorySnapshot snapshot;
        try {
            snapshot = readLocal();
        } catch (DirectoryException e) {
            closeLocal();
            failedPasses++;
            unreachable(e, now);
            return;
        }
        failedPasses = 0;
        Refresh.Result first = Refresh.of(snapshot, Map.of(), settings.failureThreshold(), now);
        Map<UUID, Long> usns = new HashMap<>();
        for (Refresh.Partner p : first.partners().values()) {
            highestCommittedUsn(p).ifPresent(u -> usns.put(p.dsaGuid(), u));
        }
        Refresh.Result result = usns.isEmpty() ? first : Refresh.of(snapshot, usns, settings.failureThreshold(), now);
        last = result;
        report(result);
    }

    private DirectorySnapshot readLocal() throws DirectoryException {
        if (local == null) {
            local = connect(settings.directory());
        }
        DirectorySnapshot s = local.readAll();
        // rootDSE, DSA, sites, servers, DSAs, connections and one search per NC head.
        ldapOperations.addAndGet(6 + s.namingContexts().size());
        return s;
    }

    private DirectoryReader connect(DirectorySettings d) throws DirectoryException {
        char[] password;
        try {
            password = settings.password().read();
        } catch (IOException e) {
            throw new DirectoryException(DirectoryException.Kind.AUTHENTICATION, "cannot read the password from "
                    + settings.password() + ": " + e.getMessage());
        }
        try {
            ldapOperations.incrementAndGet();
            return DirectoryReader.connect(d, password);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** The partner's highestCommittedUSN, over a connection kept between passes; empty when it cannot be read. */
    private Optional<Long> highestCommittedUsn(Refresh.Partner p) {
        if (p.dnsHostName().isEmpty()) {
            return Optional.empty();
        }
        try {
            DirectoryReader r = partnerReaders.get(p.dnsHostName());
            if (r == null) {
                r = connect(settings.partner(p.dnsHostName()));
                partnerReaders.put(p.dnsHostName(), r);
            }
            ldapOperations.incrementAndGet();
            return Optional.of(r.rootDse().highestCommittedUsn());
        } catch (DirectoryException e) {
            DirectoryReader r = partnerReaders.remove(p.dnsHostName());
            if (r != null) {
                r.close();
            }
            log.debug("Engine {}: no backlog from {}: {}", instance, p.dnsHostName(), e.getMessage());
            return Optional.empty();
        }
    }

    /** The DC cannot be read: every known link is reported failing, with what went wrong. */
    private void unreachable(DirectoryException e, Instant now) {
        log.warn("Engine {}: cannot read {}: {}", instance, settings.directory().url(), e.getMessage());
        EngineError error = EngineError.text(ConnectionFailure.SERVICE_UNREACHABLE,
                "cannot read the domain controller: " + e.getMessage());
        for (Link link : List.copyOf(reported.values())) {
            LinkHealth before = health.get(link.connectionGuid());
            SyncResults sync = before == null ? SyncResults.UNKNOWN : before.sync();
            emitHealth(new LinkHealth(link.connectionGuid(), LinkHealth.Condition.CONNECTING, error, failedPasses,
                    settings.failureThreshold(), sync));
        }
    }

    private void report(Refresh.Result r) {
        Set<UUID> seen = new HashSet<>();
        for (Link link : r.links()) {
            seen.add(link.connectionGuid());
            if (!link.equals(reported.get(link.connectionGuid()))) {
                reported.put(link.connectionGuid(), link);
                emit(link);
            }
        }
        for (UUID gone : List.copyOf(reported.keySet())) {
            if (!seen.contains(gone)) {
                reported.remove(gone);
                health.remove(gone);
                emit(new LinkRemoved(gone));
            }
        }
        r.health().forEach(this::emitHealth);
        for (Backlog b : r.backlogs()) {
            List<UUID> key = List.of(b.connectionGuid(), b.scopeGuid());
            Long before = backlogs.put(key, b.items());
            if (before == null || before != b.items()) {
                emit(b);
            }
        }
        emit(r.state());
        repsToStore.ifPresent(store -> {
            for (Map.Entry<String, List<RepsTo>> e : r.repsTo().entrySet()) {
                store.replace(e.getKey(), e.getValue());
            }
            for (String nc : List.copyOf(ncsWithRepsTo)) {
                if (r.repsTo().keySet().stream().noneMatch(n -> n.equalsIgnoreCase(nc))) {
                    store.replace(nc, List.of());
                }
            }
            ncsWithRepsTo.clear();
            ncsWithRepsTo.addAll(r.repsTo().keySet());
        });
        Set<String> now = new LinkedHashSet<>(r.problems());
        for (String p : now) {
            if (!problems.contains(p)) {
                log.warn("Engine {}: value left out: {}", instance, p);
            }
        }
        problems = now;
    }

    private void emitHealth(LinkHealth h) {
        if (!h.equals(health.get(h.connectionGuid()))) {
            health.put(h.connectionGuid(), h);
            emit(h);
        }
    }

    private void emit(Observation fact) {
        Observer o = observer;
        if (o != null && !closed) {
            o.observe(fact);
        }
    }

    // ---------------------------------------------------------------- operations

    private interface Call<T> {
        T run() throws EngineException;
    }

    /** Runs {@code call} on the worker (where the connections live) and waits for it. */
    private <T> T onWorker(Call<T> call) throws EngineException {
        if (closed) {
            throw EngineException.failed("engine " + instance + " is closed", null);
        }
        java.util.concurrent.CompletableFuture<Object> f = new java.util.concurrent.CompletableFuture<>();
        try {
            worker.execute(() -> {
                try {
                    f.complete(call.run());
                } catch (EngineException | RuntimeException e) {
                    f.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            throw EngineException.failed("engine " + instance + " is closed", e);
        }
        try {
            @SuppressWarnings("unchecked")
            T value = (T) f.get();
            return value;
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw EngineException.timedOut("engine " + instance + ": the call was abandoned");
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof EngineException ee) {
                throw ee;
            }
            throw EngineException.failed("engine " + instance + ": " + e.getCause(), e.getCause());
        }
    }

    private Link link(UUID connectionGuid) throws EngineException {
        Refresh.Result r = last;
        Optional<Link> link = r == null ? Optional.empty() : r.links().stream()
                .filter(l -> l.connectionGuid().equals(connectionGuid)).findFirst();
        return link.orElseThrow(() -> EngineException.refused(Win32Error.ERROR_INVALID_PARAMETER.code(),
                "engine " + instance + " has no connection " + connectionGuid));
    }

    private String partnerDns(Link link) throws EngineException {
        Refresh.Result r = last;
        String dns = r.state().neighbors().stream().filter(n -> n.source().objectGuid().equals(link.partnerGuid()))
                .map(n -> n.source().dnsHostName()).findFirst().orElse("");
        if (dns.isEmpty()) {
            dns = r.partners().values().stream().filter(p -> p.dsaGuid().equals(link.partnerGuid()))
                    .map(Refresh.Partner::dnsHostName).findFirst().orElse("");
        }
        if (dns.isEmpty()) {
            dns = outboundDns(r, link.partnerGuid());
        }
        if (dns.isEmpty()) {
            throw EngineException.refused(Win32Error.ERROR_DS_DNS_LOOKUP_FAILURE.code(),
                    "the directory has no DNS name for partner " + link.partnerName());
        }
        return dns;
    }

    private static String outboundDns(Refresh.Result r, UUID partner) {
        return r.repsTo().values().stream().flatMap(List::stream).filter(v -> v.uuidDsa().equals(partner))
                .map(RepsTo::naDsa).findFirst().orElse("");
    }

    /**
     * CheckConnectivity: bind to the partner and read its rootDSE. Refused with RPC_S_SERVER_UNAVAILABLE (1722) when
     * it cannot be reached or does not answer, ERROR_LOGON_FAILURE (1326) when the bind is refused,
     * ERROR_WRONG_TARGET_NAME (1396) when its certificate is not trusted.
     */
    @Override
    public void checkConnectivity(UUID connectionGuid) throws EngineException {
        Link link = link(connectionGuid);
        String dns = partnerDns(link);
        onWorker(() -> {
            try (DirectoryReader r = connect(settings.partner(dns))) {
                ldapOperations.incrementAndGet();
                RootDse root = r.rootDse();
                log.debug("Engine {}: {} answers, highestCommittedUSN {}", instance, dns,
                        root.highestCommittedUsn());
                return null;
            } catch (DirectoryException e) {
                int code = switch (e.kind()) {
                    case AUTHENTICATION -> Win32Error.ERROR_LOGON_FAILURE.code();
                    case TLS -> Win32Error.ERROR_WRONG_TARGET_NAME.code();
                    default -> Win32Error.RPC_S_SERVER_UNAVAILABLE.code();
                };
                throw EngineException.refused(code, "partner " + dns + ": " + e.getMessage());
            }
        });
    }

    @Override
    public void forceReplication(UUID connectionGuid, ReplicationMode mode, BandwidthLevel bandwidth)
            throws EngineException {
        Link link = link(connectionGuid);
        force(link, link.scopes(), mode, bandwidth, true);
    }

    @Override
    public void forceFolderReplication(UUID connectionGuid, UUID replicatedFolderGuid, ReplicationMode mode,
                                       BandwidthLevel bandwidth) throws EngineException {
        Link link = link(connectionGuid);
        Scope nc = link.scope(replicatedFolderGuid).orElseThrow(() -> EngineException.refused(
                Win32Error.ERROR_INVALID_PARAMETER.code(), "connection " + connectionGuid + " does not carry "
                        + replicatedFolderGuid));
        force(link, List.of(nc), mode, bandwidth, false);
    }

    /**
     * The modes (docs/engines.md, "samba-ad", "Methods"): Sync Now = DsReplicaSync of each NC from the partner;
     * Sync Until In-Sync = the same, then wait until this DC's cursor for the partner reaches the partner's
     * highestCommittedUSN sampled before; Stop Sync = NTDSDSA_OPT_DISABLE_INBOUND_REPL on this DC (DC-wide: DRS has
     * no per-partner switch), recorded in the state directory; Obey Schedule = lift this connection's Stop Sync.
     */
    private void force(Link link, List<Scope> ncs, ReplicationMode mode, BandwidthLevel bandwidth,
                       boolean wholeLink) throws EngineException {
        if (bandwidth != BandwidthLevel.INFINITE) {
            throw EngineException.refused(EngineException.ERROR_NOT_SUPPORTED,
                    "DRS replication has no bandwidth control: only BANDWIDTH_LEVEL_INFINITE (0xF)");
        }
        if (!link.inbound()) {
            throw EngineException.refused(Win32Error.ERROR_INVALID_PARAMETER.code(),
                    "replication is forced on the inbound connection");
        }
        switch (mode) {
            case SYNC_NOW -> sync(link, ncs, false);
            case SYNC_UNTIL_IN_SYNC -> sync(link, ncs, true);
            case STOP_SYNC -> {
                if (!wholeLink) {
                    throw EngineException.refused(EngineException.ERROR_NOT_SUPPORTED,
                            "DRS cannot stop one naming context: use ForceReplication on the connection");
                }
                onWorker(() -> {
                    stopSync(link.connectionGuid(), true);
                    return null;
                });
            }
            case OBEY_SCHEDULE -> {
                if (wholeLink) {
                    onWorker(() -> {
                        stopSync(link.connectionGuid(), false);
                        return null;
                    });
                }
            }
        }
        submit(this::pass);
    }

    private void sync(Link link, List<Scope> ncs, boolean untilInSync) throws EngineException {
        String partner = partnerDns(link);
        Refresh.Result r = last;
        String self = r.state().local().dnsHostName();
        if (self.isEmpty()) {
            throw EngineException.refused(Win32Error.ERROR_DS_DNS_LOOKUP_FAILURE.code(),
                    "the directory has no DNS name for this DC");
        }
        Optional<Long> target = Optional.empty();
        UUID invocation = r.partners().containsKey(link.partnerGuid())
                ? r.partners().get(link.partnerGuid()).invocationId() : null;
        if (untilInSync) {
            target = Optional.of(onWorker(() -> {
                try (DirectoryReader pr = connect(settings.partner(partner))) {
                    ldapOperations.incrementAndGet();
                    return pr.rootDse().highestCommittedUsn();
                } catch (DirectoryException e) {
                    throw EngineException.refused(Win32Error.RPC_S_SERVER_UNAVAILABLE.code(), "partner " + partner
                            + ": " + e.getMessage());
                }
            }));
        }
        for (Scope nc : ncs) {
            SambaTool.Run run = tool.replicate(self, partner, nc.name());
            if (run.returnCode() != 0) {
                log.info("Engine {}: drs replicate {} {} {} answered {}: {}", instance, self, partner, nc.name(),
                        run.returnCode(), run.output().strip());
                submit(this::pass);
                throw EngineException.refused(run.returnCode(), "DsReplicaSync of " + nc.name() + " from "
                        + partner + " failed: " + lastLine(run.output()));
            }
        }
        if (target.isPresent() && invocation != null) {
            awaitCursor(ncs, invocation, target.get());
        }
    }

    /** Waits until every NC's cursor for the partner's invocation ID reaches {@code usn} (Mode 4). */
    private void awaitCursor(List<Scope> ncs, UUID invocation, long usn) throws EngineException {
        long deadline = System.nanoTime() + settings.commandTimeout().toNanos();
        while (true) {
            boolean inSync = onWorker(() -> {
                try {
                    if (local == null) {
                        local = connect(settings.directory());
                    }
                    for (Scope nc : ncs) {
                        ldapOperations.incrementAndGet();
                        NamingContextReplication head = local.namingContext(nc.name());
                        long ours = head.replUpToDateVector().map(v -> cursor(v.toArray(), invocation)).orElse(0L);
                        if (ours < usn) {
                            return false;
                        }
                    }
                    return true;
                } catch (DirectoryException e) {
                    closeLocal();
                    throw EngineException.failed("cannot read " + settings.directory().url() + ": "
                            + e.getMessage(), e);
                }
            });
            if (inSync) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw EngineException.refused(Win32Error.ERROR_TIMEOUT.code(), "not in sync with the partner's USN "
                        + usn + " within " + settings.commandTimeout());
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw EngineException.timedOut("Sync Until In-Sync abandoned");
            }
        }
    }

    private static long cursor(byte[] vector, UUID invocation) {
        try {
            return org.replprov.drsr.ReplUpToDateVectorCodec.decode(vector).cursorFor(invocation)
                    .map(UpToDateCursor::usnHighPropUpdate).orElse(0L);
        } catch (org.replprov.drsr.MalformedBlobException e) {
            return 0L;
        }
    }

    /**
     * Adds ({@code stop}) or removes the connection's hold on NTDSDSA_OPT_DISABLE_INBOUND_REPL. The file
     * {@value #STOP_SYNC_FILE} in the state directory lists the holding connections and whether this engine set the
     * bit (it never clears a bit an administrator set); it is written before the DC is changed, so a kill at any
     * point leaves enough to restore the DC when the provider reverts the override after a restart.
     */
    private void stopSync(UUID connection, boolean stop) throws EngineException {
        StopSync book = StopSync.read(stateDirectory.resolve(STOP_SYNC_FILE));
        try {
            if (local == null) {
                local = connect(settings.directory());
            }
            ldapOperations.addAndGet(2);
            String dsaDn = local.rootDse().dsServiceName();
            int options = local.dsa(dsaDn).options();
            boolean disabled = (options & Refresh.DISABLE_INBOUND_REPL) != 0;
            if (stop) {
                boolean ours = book.holders().isEmpty() ? !disabled : book.setByUs();
                StopSync updated = book.with(connection, ours);
                updated.write(stateDirectory.resolve(STOP_SYNC_FILE));
                if (!disabled) {
                    ldapOperations.incrementAndGet();
                    local.replaceDsaOptions(dsaDn, options, options | Refresh.DISABLE_INBOUND_REPL);
                    log.info("Engine {}: inbound replication disabled (Stop Sync on {})", instance, connection);
                }
            } else {
                if (book.holders().isEmpty()) {
                    return;
                }
                StopSync updated = book.without(connection);
                if (updated.holders().isEmpty() && book.setByUs() && disabled) {
                    ldapOperations.incrementAndGet();
                    local.replaceDsaOptions(dsaDn, options, options & ~Refresh.DISABLE_INBOUND_REPL);
                    log.info("Engine {}: inbound replication enabled again (Stop Sync on {} ended)", instance,
                            connection);
                }
                updated.write(stateDirectory.resolve(STOP_SYNC_FILE));
            }
        } catch (DirectoryException e) {
            closeLocal();
            throw EngineException.failed("cannot change the DSA options on " + settings.directory().url() + ": "
                    + e.getMessage(), e);
        } catch (IOException e) {
            throw EngineException.failed("cannot record the Stop Sync override in " + stateDirectory + ": "
                    + e.getMessage(), e);
        }
    }

    /** The Stop Sync book: connections holding it, and whether this engine set the DSA option. */
    record StopSync(Set<UUID> holders, boolean setByUs) {

        static StopSync read(Path file) throws EngineException {
            if (!Files.exists(file)) {
                return new StopSync(Set.of(), false);
            }
            try {
                Set<UUID> holders = new LinkedHashSet<>();
                boolean ours = false;
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    String l = line.strip();
                    if (l.equals("set-by-replprov")) {
                        ours = true;
                    } else if (!l.isEmpty() && !l.startsWith("#")) {
                        holders.add(UUID.fromString(l));
                    }
                }
                return new StopSync(Set.copyOf(holders), ours);
            } catch (IOException | IllegalArgumentException e) {
                throw EngineException.failed("cannot read " + file + ": " + e.getMessage(), e);
            }
        }

        StopSync with(UUID connection, boolean ours) {
            Set<UUID> h = new LinkedHashSet<>(holders);
            h.add(connection);
            return new StopSync(h, ours);
        }

        StopSync without(UUID connection) {
            Set<UUID> h = new LinkedHashSet<>(holders);
            h.remove(connection);
            return new StopSync(h, h.isEmpty() ? false : setByUs);
        }

        void write(Path file) throws IOException {
            if (holders.isEmpty()) {
                Files.deleteIfExists(file);
                return;
            }
            List<String> lines = new ArrayList<>();
            lines.add("# connections holding ForceReplication Stop Sync (NTDSDSA_OPT_DISABLE_INBOUND_REPL)");
            if (setByUs) {
                lines.add("set-by-replprov");
            }
            holders.forEach(h -> lines.add(h.toString()));
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(tmp, lines, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private static String lastLine(String output) {
        String[] lines = output.strip().split("\n");
        return lines.length == 0 ? "" : lines[lines.length - 1].strip();
    }

    private void closeLocal() {
        if (local != null) {
            local.close();
            local = null;
        }
    }

    @Override
    public void close() {
        closed = true;
        Scheduler.Cancellable pending = next;
        if (pending != null) {
            pending.cancel();
        }
        try {
            worker.execute(() -> {
                closeLocal();
                partnerReaders.values().forEach(DirectoryReader::close);
                partnerReaders.clear();
            });
        } catch (RejectedExecutionException e) {
            return; // closed before
        }
        worker.shutdown();
        try {
            if (!worker.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS)) {
                worker.shutdownNow();
            }
        } catch (InterruptedException e) {
            worker.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "samba-ad engine " + instance + " (" + settings.directory().url() + ")";
    }
}
