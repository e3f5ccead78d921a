package org.replprov.wql;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.replprov.cim.CimClass;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimTimestamp;
import org.replprov.cim.CimValue;
import org.replprov.repository.ClassRepository;

/**
 * WQL over 100 000 DfsrConnectionInfo instances against the same rows in an in-memory H2 table queried with
 * prepared SQL. Each benchmark runs one query to the end: every matching row produced and every returned column
 * read. Results and the command are in docs/performance.md.
 *
 * <p>WQL runs three ways: over an {@link InstanceTable} of the instances whose columns earlier iterations built
 * ({@code wql…}, what a provider that keeps a table serves), instance by instance ({@code wql…PerInstance}, what a
 * query over a plain list costs), and over a table made for the one query ({@code wql…FreshTable}, which pays for
 * building the columns it reads).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class WqlBenchmark {

    static final int ROWS = 100_000;
    static final String SERVER = "SRV-A";
    static final Instant WINDOW_START = Instant.parse("2024-01-15T00:00:00Z");

    static final String SELECTIVE = "SELECT * FROM DfsrConnectionInfo WHERE State = 3 AND Inbound = TRUE";
    static final String LIKE = "SELECT * FROM DfsrConnectionInfo WHERE PartnerName LIKE 'fs-lon-%'";
    static final String RANGE = "SELECT * FROM DfsrConnectionInfo WHERE LastSuccessfulSyncTime >= "
            + "'20240120000000.000000+000' AND LastSuccessfulSyncTime < '20240121000000.000000+000'";
    static final String FULL = "SELECT * FROM DfsrConnectionInfo";

    static final String SQL_SELECTIVE = "SELECT * FROM connection WHERE state = 3 AND inbound = TRUE";
    static final String SQL_LIKE = "SELECT * FROM connection WHERE partner_name ILIKE 'fs-lon-%'";
    static final String SQL_RANGE = "SELECT * FROM connection WHERE last_successful_sync_time >= ? "
            + "AND last_successful_sync_time < ?";
    static final String SQL_FULL = "SELECT * FROM connection";

    /** The instances, a table of them, and the compiled WQL queries. */
    @State(Scope.Benchmark)
    public static class Instances {
        List<CimInstance> instances;
        InstanceTable table;
        CompiledQuery selective;
        CompiledQuery like;
        CompiledQuery range;
        CompiledQuery full;

        @Setup(Level.Trial)
        public void setUp() {
            ClassRepository repository = TestSchema.dfsrOnly();
            instances = generate(TestSchema.DFSR_CONNECTION_INFO, new Random(42));
            selective = compile(repository, SELECTIVE);
            like = compile(repository, LIKE);
            range = compile(repository, RANGE);
            full = compile(repository, FULL);
            table = InstanceTable.of(TestSchema.DFSR_CONNECTION_INFO, instances);
            for (CompiledQuery q : List.of(selective, like, range, full)) {
                if (q.execute(table, SERVER).size() != q.execute(instances, SERVER).size()) {
                    throw new IllegalStateException("the table and the instances disagree on " + q.fromClass());
                }
            }
            System.gc();
        }
    }

    /** The same rows in an in-memory H2 table, and the same queries as prepared SQL; checked to agree with WQL. */
    @State(Scope.Benchmark)
    public static class H2Table {
        Connection h2;
        PreparedStatement selective;
        PreparedStatement like;
        PreparedStatement range;
        PreparedStatement full;

        @Setup(Level.Trial)
        public void setUp() throws SQLException {
            Instances wql = new Instances();
            wql.setUp();
            // Results of a repeated query must be computed again, not served from H2's result cache.
            h2 = DriverManager.getConnection("jdbc:h2:mem:wqlbench;DB_CLOSE_DELAY=-1;OPTIMIZE_REUSE_RESULTS=FALSE");
            load(h2, wql.instances);
            selective = h2.prepareStatement(SQL_SELECTIVE);
            like = h2.prepareStatement(SQL_LIKE);
            range = h2.prepareStatement(SQL_RANGE);
            range.setObject(1, OffsetDateTime.parse("2024-01-20T00:00:00Z"));
            range.setObject(2, OffsetDateTime.parse("2024-01-21T00:00:00Z"));
            full = h2.prepareStatement(SQL_FULL);
            checkSameCount(wql.instances, wql.selective, selective);
            checkSameCount(wql.instances, wql.like, like);
            checkSameCount(wql.instances, wql.range, range);
            checkSameCount(wql.instances, wql.full, full);
            System.gc();
        }

        @TearDown(Level.Trial)
        public void tearDown() throws SQLException {
            h2.close();
        }
    }

    @Benchmark
    public List<ResultRow> wqlSelective(Instances s) {
        return s.selective.execute(s.table, SERVER);
    }

    @Benchmark
    public List<ResultRow> wqlSelectivePerInstance(Instances s) {
        return s.selective.execute(s.instances, SERVER);
    }

    /** The selective query over a new table: its two columns are built from the instances first. */
    @Benchmark
    public List<ResultRow> wqlSelectiveFreshTable(Instances s) {
        return s.selective.execute(InstanceTable.of(TestSchema.DFSR_CONNECTION_INFO, s.instances), SERVER);
    }

    @Benchmark
    public int h2Selective(H2Table s, Blackhole bh) throws SQLException {
        return drain(s.selective, bh);
    }

    @Benchmark
    public List<ResultRow> wqlLike(Instances s) {
        return s.like.execute(s.table, SERVER);
    }

    @Benchmark
    public List<ResultRow> wqlLikePerInstance(Instances s) {
        return s.like.execute(s.instances, SERVER);
    }

    /** LIKE over a new table: the PartnerName column and its characters laid end to end are built first. */
    @Benchmark
    public List<ResultRow> wqlLikeFreshTable(Instances s) {
        return s.like.execute(InstanceTable.of(TestSchema.DFSR_CONNECTION_INFO, s.instances), SERVER);
    }

    @Benchmark
    public int h2Like(H2Table s, Blackhole bh) throws SQLException {
        return drain(s.like, bh);
    }

    @Benchmark
    public List<ResultRow> wqlDatetimeRange(Instances s) {
        return s.range.execute(s.table, SERVER);
    }

    @Benchmark
    public List<ResultRow> wqlDatetimeRangePerInstance(Instances s) {
        return s.range.execute(s.instances, SERVER);
    }

    @Benchmark
    public int h2DatetimeRange(H2Table s, Blackhole bh) throws SQLException {
        return drain(s.range, bh);
    }

    @Benchmark
    public List<ResultRow> wqlFullProjection(Instances s) {
        return s.full.execute(s.table, SERVER);
    }

    @Benchmark
    public List<ResultRow> wqlFullProjectionPerInstance(Instances s) {
        return s.full.execute(s.instances, SERVER);
    }

    @Benchmark
    public int h2FullProjection(H2Table s, Blackhole bh) throws SQLException {
        return drain(s.full, bh);
    }

    /** Parsing and compiling one query, which a client pays once per ExecQuery. */
    @Benchmark
    public CompiledQuery wqlParseAndCompile() {
        return compile(TestSchema.dfsrOnly(), RANGE);
    }

    private static CompiledQuery compile(ClassRepository repository, String query) {
        return Wql.parse(query).compile(repository, TestSchema.NAMESPACE);
    }

    /** Runs the statement and reads every column of every row, as a client of the result would. */
    private static int drain(PreparedStatement statement, Blackhole bh) throws SQLException {
        int rows = 0;
        try (ResultSet rs = statement.executeQuery()) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int c = 1; c <= columns; c++) {
                    bh.consume(rs.getObject(c));
                }
                rows++;
            }
        }
        return rows;
    }

    private static void checkSameCount(List<CimInstance> instances, CompiledQuery wql, PreparedStatement sql)
            throws SQLException {
        int expected = wql.execute(instances, SERVER).size();
        int actual = 0;
        try (ResultSet rs = sql.executeQuery()) {
            while (rs.next()) {
                actual++;
            }
        }
        if (expected != actual || expected == 0) {
            throw new IllegalStateException("WQL found " + expected + " rows, SQL " + actual);
        }
    }

    /**
     * Plausible connections: about a tenth in error, half inbound, partner names from a few naming schemes, last
     * successful syncs spread over 30 days from {@link #WINDOW_START}, and the DFSR "never" date for some.
     */
    static List<CimInstance> generate(CimClass cimClass, Random random) {
        String[] sites = {"lon", "par", "nyc", "sgp", "fra"};
        List<CimInstance> out = new ArrayList<>(ROWS);
        for (int i = 0; i < ROWS; i++) {
            String partner = switch (random.nextInt(3)) {
                case 0 -> "FS-" + sites[random.nextInt(sites.length)].toUpperCase() + "-" + random.nextInt(100);
                case 1 -> "DC" + random.nextInt(1000) + ".corp.example";
                default -> "SRV-" + (char) ('A' + random.nextInt(26)) + random.nextInt(10_000);
            };
            int state = random.nextInt(10) == 0 ? 3 : random.nextInt(3);
            CimTimestamp lastSuccess = random.nextInt(20) == 0 ? CimTimestamp.DFSR_NEVER
                    : CimTimestamp.of(WINDOW_START.plusSeconds(random.nextInt(30 * 86_400)));
            out.add(CimInstance.builder(cimClass)
                    .set("ConnectionGuid", new UUID(random.nextLong(), random.nextLong()).toString().toUpperCase())
                    .set("MemberName", SERVER)
                    .set("PartnerName", partner)
                    .set("ReplicationGroupName", "RG" + random.nextInt(50))
                    .set("Inbound", random.nextBoolean())
                    .set("State", state)
                    .set("LastSuccessfulSyncTime", lastSuccess)
                    .set("LastSyncDuration", random.nextInt(3600))
                    .set("LastErrorCode", state == 3 ? 9036 : 0)
                    .build());
        }
        return out;
    }

    private static void load(Connection h2, List<CimInstance> instances) throws SQLException {
        try (var s = h2.createStatement()) {
            s.execute("CREATE TABLE connection (connection_guid VARCHAR(36) PRIMARY KEY, member_name VARCHAR, "
                    + "partner_name VARCHAR, replication_group_name VARCHAR, inbound BOOLEAN, state BIGINT, "
                    + "last_successful_sync_time TIMESTAMP WITH TIME ZONE, last_sync_duration BIGINT, "
                    + "last_error_code BIGINT)");
        }
        try (PreparedStatement insert = h2.prepareStatement("INSERT INTO connection VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (CimInstance i : instances) {
                insert.setString(1, i.value("ConnectionGuid").text());
                insert.setString(2, i.value("MemberName").text());
                insert.setString(3, i.value("PartnerName").text());
                insert.setString(4, i.value("ReplicationGroupName").text());
                insert.setBoolean(5, ((CimValue.Bool) i.value("Inbound")).value());
                insert.setLong(6, ((CimValue.Int) i.value("State")).value());
                insert.setObject(7, ((CimTimestamp) i.value("LastSuccessfulSyncTime")).toOffsetDateTime()
                        .orElseThrow().withOffsetSameInstant(ZoneOffset.UTC));
                insert.setLong(8, ((CimValue.Int) i.value("LastSyncDuration")).value());
                insert.setLong(9, ((CimValue.Int) i.value("LastErrorCode")).value());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
