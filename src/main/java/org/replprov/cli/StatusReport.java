package org.replprov.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.TreeSet;
import org.replprov.cim.CimException;
import org.replprov.cim.CimTimestamp;
import org.replprov.engine.spi.ConnectionFailure;
import org.replprov.providers.dfsr.LastError;

/**
 * What {@code replprov status} shows, read from a daemon's JSON API and {@code /metrics} (docs/cli.md#status): the
 * version and uptime, the engines, the DfsrConnectionInfo instances grouped by State with the worst first, the
 * ReplProv_RepsTo entries whose notifications fail, and the {@link Health} that decides the exit code.
 */
record StatusReport(URI url, Instant now, Optional<String> version, Optional<Instant> started,
                    List<Flag> engines, List<Flag> collectors, List<Connection> connections,
                    Optional<List<RepsToEntry>> repsTo, Optional<String> repsToUnavailable, boolean backlogExported) {

    /** The State values of DfsrConnectionInfo (ValueMap 0–3), listed worst first. */
    enum State {
        IN_ERROR(3, "In Error", Ansi.RED), OFFLINE(2, "Offline", Ansi.YELLOW), CONNECTING(0, "Connecting", Ansi.CYAN),
        ONLINE(1, "Online", Ansi.GREEN), UNKNOWN(-1, "Unknown State", Ansi.YELLOW);

        final int value;
        final String display;
        final String colour;

        State(int value, String display, String colour) {
            this.value = value;
            this.display = display;
            this.colour = colour;
        }

        static State of(JsonNode v) {
            for (State s : values()) {
                if (v != null && v.canConvertToInt() && s.value == v.asInt() && s != UNKNOWN) {
                    return s;
                }
            }
            return UNKNOWN;
        }
    }

    /** An engine ({@code replprov_engine_up}) or a metrics collector ({@code replprov_collector_up}), up or not. */
    record Flag(String name, boolean up) {
    }

    /** One DfsrConnectionInfo, with the backlog of its folders where the daemon exports it. */
    record Connection(String partner, boolean inbound, String group, State state, Optional<Instant> lastSuccess,
                      long errorCode, long errorMessageId, List<String> folders, Optional<Long> backlog) {
        Connection {
            folders = List.copyOf(folders);
        }
    }

    /** One ReplProv_RepsTo instance. */
    record RepsToEntry(String partner, String namingContext, long consecutiveFailures, long result,
                       String resultName, Optional<Instant> lastSuccess) {
        boolean failing() {
            return consecutiveFailures > 0 || result != 0;
        }
    }

    /** Exit codes of {@code status} (docs/cli.md#exit-codes); 2 stays bad usage, as for every command. */
    enum Level {
        HEALTHY(0, Ansi.GREEN), DEGRADED(1, Ansi.YELLOW), FAILED(3, Ansi.RED);

        final int exitCode;
        final String colour;

        Level(int exitCode, String colour) {
            this.exitCode = exitCode;
            this.colour = colour;
        }
    }

    /** The verdict and what led to it, worst first. */
    record Health(Level level, List<String> reasons) {
    }

    /** Online connections listed at most; the rest are counted, so that the screen stays one screen. */
    static final int ONLINE_SHOWN = 10;

    /** Reads the daemon: metrics first (version, start, engines, backlog), then connections and repsTo. */
    static StatusReport read(ApiClient api, URI url, Instant now) throws ApiException {
        List<PrometheusText.Sample> metrics;
        try {
            metrics = PrometheusText.parse(api.text("/metrics"));
        } catch (PrometheusText.Malformed e) {
            throw new ApiException(ApiException.UNREACHABLE, "the metrics of " + url + " are unreadable: "
                    + e.getMessage());
        }
        Optional<String> version = Optional.empty();
        Optional<Instant> started = Optional.empty();
        List<Flag> engines = new ArrayList<>();
        List<Flag> collectors = new ArrayList<>();
        List<PrometheusText.Sample> backlog = new ArrayList<>();
        for (PrometheusText.Sample s : metrics) {
            switch (s.name()) {
                case "replprov_build_info" -> version = Optional.of(s.label("version"));
                case "process_start_time_seconds" -> started = Optional.of(
                        Instant.ofEpochMilli((long) (s.value() * 1000)));
                case "replprov_engine_up" -> engines.add(new Flag(s.label("engine"), s.value() == 1));
                case "replprov_collector_up" -> collectors.add(new Flag(s.label("collector"), s.value() == 1));
                case "replprov_dfsr_backlog_files" -> backlog.add(s);
                default -> { }
            }
        }
        List<Connection> connections = new ArrayList<>();
        JsonNode answer = api.get(ApiClient.path("/api/v1/query", Map.of("namespace", "root/MicrosoftDfs",
                "q", "SELECT MemberName, PartnerName, Inbound, ReplicationGroupName, State, LastSuccessfulSyncTime, "
                        + "LastErrorCode, LastErrorMessageId FROM DfsrConnectionInfo")));
        for (JsonNode i : answer.path("instances")) {
            JsonNode p = i.path("properties");
            boolean inbound = p.path("Inbound").asBoolean();
            String partner = p.path("PartnerName").asText("");
            String group = p.path("ReplicationGroupName").asText("");
            String member = p.path("MemberName").asText("");
            TreeSet<String> folders = new TreeSet<>();
            long files = 0;
            boolean known = false;
            for (PrometheusText.Sample b : backlog) {
                // One engine may watch several members with the same partner: a series names its member (an
                // empty member is an engine that does not say, and counts for every member of the group).
                if (b.label("partner").equals(partner) && b.label("group").equals(group)
                        && b.label("direction").equals(inbound ? "inbound" : "outbound")
                        && (b.label("member").isEmpty() || b.label("member").equals(member))) {
                    folders.add(b.label("folder"));
                    files += (long) b.value();
                    known = true;
                }
            }
            connections.add(new Connection(partner, inbound, group, State.of(p.get("State")),
                    time(p.path("LastSuccessfulSyncTime").asText(null)), p.path("LastErrorCode").asLong(),
                    p.path("LastErrorMessageId").asLong(), List.copyOf(folders),
                    known ? Optional.of(files) : Optional.empty()));
        }
        connections.sort(Comparator.comparing(Connection::state).thenComparing(Connection::group)
                .thenComparing(Connection::partner));
        Optional<List<RepsToEntry>> repsTo;
        Optional<String> repsToUnavailable = Optional.empty();
        try {
            JsonNode r = api.get(ApiClient.path("/api/v1/query", Map.of("namespace", "root/MicrosoftActiveDirectory",
                    "q", "SELECT * FROM ReplProv_RepsTo")));
            List<RepsToEntry> entries = new ArrayList<>();
            for (JsonNode i : r.path("instances")) {
                JsonNode p = i.path("properties");
                String na = p.path("NaDsa").asText("");
                entries.add(new RepsToEntry(na.isEmpty() ? p.path("UuidDsa").asText("") : na,
                        p.path("NamingContext").asText(""), p.path("ConsecutiveFailures").asLong(),
                        p.path("ResultLastAttempt").asLong(), p.path("ResultLastAttemptName").asText(""),
                        time(p.path("TimeLastSuccess").asText(null))));
            }
            repsTo = Optional.of(entries);
        } catch (ApiException e) {
            if (e.exitCode() != ApiException.CIM_ERROR) {
                throw e;
            }
            // A daemon whose schema has no ReplProv_RepsTo (an embedding without the AD provider) still has a status.
            repsTo = Optional.empty();
            repsToUnavailable = Optional.of(e.getMessage());
        }
        return new StatusReport(url, now, version, started, engines, collectors, connections, repsTo,
                repsToUnavailable, !backlog.isEmpty());
    }

    /** A CIM datetime as an instant; empty for NULL, DFSR's "never" (1/1/9999) and anything unreadable. */
    private static Optional<Instant> time(String cim) {
        if (cim == null) {
            return Optional.empty();
        }
        try {
            CimTimestamp t = CimTimestamp.parse(cim);
            return t.compareTo(CimTimestamp.DFSR_NEVER) < 0 ? t.toInstant() : Optional.empty();
        } catch (CimException e) {
            return Optional.empty();
        }
    }

    Health health() {
        List<String> failed = new ArrayList<>();
        List<String> degraded = new ArrayList<>();
        engines.stream().filter(e -> !e.up()).forEach(e -> failed.add("engine " + e.name() + " down"));
        for (State s : State.values()) {
            long n = connections.stream().filter(c -> c.state() == s).count();
            if (n > 0 && s != State.ONLINE) {
                (s == State.IN_ERROR ? failed : degraded).add(n + " " + s.display);
            }
        }
        long failing = repsTo.orElse(List.of()).stream().filter(RepsToEntry::failing).count();
        if (failing > 0) {
            degraded.add(failing + " repsTo partner" + (failing == 1 ? "" : "s") + " failing");
        }
        collectors.stream().filter(c -> !c.up()).forEach(c -> degraded.add("metrics collector " + c.name()
                + " down"));
        List<String> reasons = new ArrayList<>(failed);
        reasons.addAll(degraded);
        return new Health(!failed.isEmpty() ? Level.FAILED : !degraded.isEmpty() ? Level.DEGRADED : Level.HEALTHY,
                reasons);
    }

    /** The screen, with ANSI colours when {@code colour}. */
    void print(PrintWriter out, boolean colour) {
        Ansi a = new Ansi(colour);
        out.println(a.bold("replprov " + version.orElse("(version not reported)")) + " at " + url
                + started.map(s -> ", up " + span(Duration.between(s, now))).orElse(""));
        Health h = health();
        out.println("Health: " + a.paint(h.level().colour, h.level().name().toLowerCase(Locale.ROOT))
                + (h.reasons().isEmpty() ? "" : " (" + String.join(", ", h.reasons()) + ")"));
        out.println();
        if (engines.isEmpty()) {
            out.println("Engines: not reported by this daemon");
        } else {
            StringJoiner j = new StringJoiner(", ", "Engines: ", "");
            engines.forEach(e -> j.add(e.name() + " " + (e.up() ? a.paint(Ansi.GREEN, "up")
                    : a.paint(Ansi.RED, "down"))));
            out.println(j);
        }
        collectors.stream().filter(c -> !c.up()).forEach(c -> out.println(a.paint(Ansi.YELLOW, "Metrics collector "
                + c.name() + " down") + ": the daemon could not read its instances for /metrics"));
        out.println();
        printConnections(out, a);
        out.println();
        printRepsTo(out, a);
        out.flush();
    }

    private void printConnections(PrintWriter out, Ansi a) {
        if (connections.isEmpty()) {
            out.println("Connections: none");
            return;
        }
        StringJoiner counts = new StringJoiner(", ", "Connections: ", "");
        for (State s : State.values()) {
            long n = connections.stream().filter(c -> c.state() == s).count();
            if (n > 0) {
                counts.add(a.paint(s.colour, n + " " + s.display));
            }
        }
        out.println(counts);
        List<String> header = new ArrayList<>(List.of("Partner", "Direction", "Group"));
        if (backlogExported) {
            header.add("Folders");
        }
        header.add("Last success");
        if (backlogExported) {
            header.add("Backlog");
        }
        header.add("Error");
        // One set of column widths for every state's table, so that the groups line up.
        Map<State, List<List<String>>> rows = new EnumMap<>(State.class);
        for (State s : State.values()) {
            List<Connection> group = connections.stream().filter(c -> c.state() == s).toList();
            List<List<String>> groupRows = new ArrayList<>();
            for (Connection c : s == State.ONLINE && group.size() > ONLINE_SHOWN ? group.subList(0, ONLINE_SHOWN)
                    : group) {
                groupRows.add(row(c));
            }
            rows.put(s, groupRows);
        }
        int[] width = widths(header, rows.values().stream().flatMap(List::stream).toList());
        for (State s : State.values()) {
            long size = connections.stream().filter(c -> c.state() == s).count();
            if (size == 0) {
                continue;
            }
            out.println();
            out.println(a.paint(s.colour, a.bold(s.display + " (" + size + ")")));
            table(out, width, header, rows.get(s));
            if (rows.get(s).size() < size) {
                out.println("  … and " + (size - rows.get(s).size()) + " more Online");
            }
        }
    }

    private List<String> row(Connection c) {
        List<String> row = new ArrayList<>(List.of(c.partner(), c.inbound() ? "inbound" : "outbound", c.group()));
        if (backlogExported) {
            row.add(c.folders().isEmpty() ? "-" : String.join(",", c.folders()));
        }
        row.add(c.lastSuccess().map(t -> span(Duration.between(t, now)) + " ago").orElse("never"));
        if (backlogExported) {
            row.add(c.backlog().map(n -> n + " files").orElse("-"));
        }
        row.add(error(c.errorCode(), c.errorMessageId()));
        return row;
    }

    private void printRepsTo(PrintWriter out, Ansi a) {
        if (repsTo.isEmpty()) {
            out.println("repsTo: not available (" + repsToUnavailable.orElse("") + ")");
            return;
        }
        List<RepsToEntry> failing = repsTo.get().stream().filter(RepsToEntry::failing).toList();
        int n = repsTo.get().size();
        out.println("repsTo: " + n + " partner" + (n == 1 ? "" : "s") + ", "
                + (failing.isEmpty() ? "none failing" : a.paint(Ansi.YELLOW, failing.size() + " failing")));
        if (failing.isEmpty()) {
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        for (RepsToEntry e : failing) {
            rows.add(List.of(e.partner(), e.namingContext(), Long.toString(e.consecutiveFailures()),
                    (e.resultName().isEmpty() ? "" : e.resultName() + " ") + "(" + e.result() + ")",
                    e.lastSuccess().map(t -> span(Duration.between(t, now)) + " ago").orElse("never")));
        }
        List<String> header = List.of("Partner", "Naming context", "Failures", "Last result", "Last success");
        table(out, widths(header, rows), header, rows);
    }

    /**
     * LastErrorCode and LastErrorMessageId as text: DFSR_E_CANNOT_CONNECT by name, with the event its message ID
     * names (MS-DFSRH §2.2.1.5.17); other codes in hexadecimal, as Windows prints HRESULTs.
     */
    static String error(long code, long messageId) {
        if (code == 0) {
            return "";
        }
        String text = (code == LastError.DFSR_E_CANNOT_CONNECT ? "DFSR_E_CANNOT_CONNECT " : "")
                + String.format("0x%08X", code);
        if (messageId != 0) {
            String event = "event " + messageId;
            for (ConnectionFailure f : ConnectionFailure.values()) {
                if (f.eventId() == messageId) {
                    event += " " + f.name();
                }
            }
            text += ", " + event;
        }
        return text;
    }

    /** A duration as a person reads it: {@code 42 s}, {@code 5 min}, {@code 2 h 13 min}, {@code 3 d 4 h}. */
    static String span(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return s / 60 + " min";
        }
        if (s < 86_400) {
            return s / 3600 + " h " + s % 3600 / 60 + " min";
        }
        return s / 86_400 + " d " + s % 86_400 / 3600 + " h";
    }

    private static int[] widths(List<String> header, List<List<String>> rows) {
        int[] width = new int[header.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = header.get(i).length();
            for (List<String> r : rows) {
                width[i] = Math.max(width[i], r.get(i).length());
            }
        }
        return width;
    }

    /** An aligned table, indented by two spaces. */
    private static void table(PrintWriter out, int[] width, List<String> header, List<List<String>> rows) {
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        for (List<String> r : all) {
            StringBuilder b = new StringBuilder("  ");
            for (int i = 0; i < r.size(); i++) {
                b.append(r.get(i)).append(i < r.size() - 1 ? " ".repeat(width[i] - r.get(i).length() + 2) : "");
            }
            out.println(b.toString().stripTrailing());
        }
    }

    /** ANSI SGR sequences (ECMA-48 §8.3.117), or nothing when colour is off. */
    record Ansi(boolean on) {
        static final String RED = "31";
        static final String GREEN = "32";
        static final String YELLOW = "33";
        static final String CYAN = "36";

        String paint(String colour, String text) {
            return on ? "\u001b[" + colour + "m" + text + "\u001b[0m" : text;
        }

        String bold(String text) {
            return on ? "\u001b[1m" + text + "\u001b[22m" : text;
        }
    }
}
