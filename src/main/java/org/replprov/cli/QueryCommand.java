package org.replprov.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.replprov.cim.CimClass;
import org.replprov.cim.CimException;
import org.replprov.mof.MofCompiler;
import org.replprov.mof.MofParseException;
import org.replprov.protocol.json.CimJsonReader;
import org.replprov.provider.ObjectManager;
import org.replprov.repository.ClassRepository;
import org.replprov.wql.ResultRow;
import org.replprov.wql.Wql;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code replprov query}: runs a WQL data query, or ASSOCIATORS OF / REFERENCES OF, and prints the results.
 *
 * <p>Where the instances come from is one exclusive choice. By default, or with the connection options
 * ({@code --url}, {@code --user}, …), the query runs on a daemon through its JSON API. {@code --offline --instances
 * FILE.mof} evaluates it against the {@code instance of} declarations of a MOF file, with the shipped schema's classes
 * or those of {@code --mof}. Both print the same way.
 *
 * <p>Offline errors go to stderr as {@code error: WBEM_E_… (0x…) at column N: …}, with exit code 2; a daemon's errors
 * exit with the client codes (101 unreachable, 102 refused, 103 CIM error).
 */
@Command(name = "query", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Run a WQL query on the daemon (or offline on a MOF file) and print the results.",
        footer = "%nExit: 0 success, 2 usage or offline error, 101 daemon unreachable, 102 not authorized, "
                + "103 CIM error.")
final class QueryCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true)
    Source source;

    /** Where the instances come from: a daemon (the default) or a MOF file. */
    static final class Source {
        @ArgGroup(exclusive = false, heading = "Daemon (the default):%n")
        ConnectionOptions online;

        @ArgGroup(exclusive = false, heading = "Offline:%n")
        Offline offline;
    }

    /** {@code --offline --instances FILE [--mof PATH…]}. */
    static final class Offline {
        @Option(names = "--offline", required = true,
                description = "Evaluate against the instances declared in a MOF file, without a server.")
        boolean offline;

        @Option(names = "--instances", required = true, paramLabel = "FILE.mof",
                description = "The MOF file whose 'instance of' declarations are queried.")
        Path instances;

        @Option(names = "--mof", paramLabel = "PATH", arity = "1..*",
                description = "MOF files or directories with the classes, instead of the shipped schema.")
        List<Path> mof = List.of();
    }

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS", defaultValue = MofCompiler.SHIPPED_NAMESPACE,
            description = "The namespace to query (default: ${DEFAULT-VALUE}).")
    String namespace;

    @Option(names = "--server", paramLabel = "NAME",
            description = "The host named in __PATH (default: the daemon's host; offline '.', the local computer as "
                    + "WMI writes it).")
    String server;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "json, table or csv (default: ${DEFAULT-VALUE}).")
    String output;

    @Parameters(index = "0", paramLabel = "WQL", description = "The query, in quotes.")
    String query;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        ResultFormat format;
        try {
            format = ResultFormat.valueOf(output.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            err.println("error: --output must be json, table or csv, not '" + output + "'");
            return Main.EXIT_USAGE;
        }
        if (source == null || source.offline == null) {
            return online(source == null || source.online == null ? new ConnectionOptions() : source.online, format);
        }
        try {
            List<ResultRow> rows = runOffline(source.offline);
            format.print(rows, spec.commandLine().getOut());
            spec.commandLine().getOut().flush();
            return 0;
        } catch (CimException e) {
            err.println("error: " + e.getMessage());
        } catch (MofParseException e) {
            err.println(e.getMessage());
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
        }
        return Main.EXIT_USAGE;
    }

    /**
     * Runs the query on a daemon and prints the answer as an offline query's: each instance is typed against its
     * class's schema, fetched from the daemon once per class.
     */
    private int online(ConnectionOptions connection, ResultFormat format) {
        try {
            ApiClient api = new ApiClient(connection);
            JsonNode answer = api.post("/api/v1/query", ApiClient.JSON.createObjectNode().put("q", query)
                    .put("namespace", namespace));
            Map<String, CimClass> classes = new HashMap<>();
            String host = server != null ? server : connection.url().getHost();
            List<ResultRow> rows = new ArrayList<>();
            for (JsonNode i : answer.get("instances")) {
                String className = i.path("className").asText();
                CimClass c = classes.get(className);
                if (c == null) {
                    c = CimJsonReader.cimClass(api.get(ApiClient.path("/api/v1/classes/" + className,
                            Map.of("namespace", namespace))));
                    classes.put(className, c);
                }
                rows.add(new ResultRow(CimJsonReader.instance(i, c), namespace, host));
            }
            format.print(rows, spec.commandLine().getOut());
            spec.commandLine().getOut().flush();
            return 0;
        } catch (ApiException e) {
            spec.commandLine().getErr().println("replprov query: " + e.getMessage());
            return e.exitCode();
        } catch (CimException e) {
            spec.commandLine().getErr().println("replprov query: the daemon's answer does not fit its schema: "
                    + e.getMessage());
            return ApiException.CIM_ERROR;
        }
    }

    /**
     * Compiles the instances and runs the query through an object manager without providers, which serves the
     * declared instances: offline answers are the answers a server with the same instances gives.
     */
    private List<ResultRow> runOffline(Offline offline) {
        Optional<Path> missing = Stream.concat(Stream.of(offline.instances), offline.mof.stream())
                .filter(f -> !Files.exists(f)).findFirst();
        if (missing.isPresent()) {
            throw new UsageException("no such file or directory: " + missing.get());
        }
        MofCompiler compiler = offline.mof.isEmpty() ? MofCompiler.extendingShippedSchema()
                : MofCompiler.create().withBase(MofCompiler.create().compile(offline.mof)).withNamespace(namespace);
        ClassRepository repository = compiler.compile(offline.instances);
        List<ResultRow> rows = new ArrayList<>();
        try (ObjectManager om = ObjectManager.builder(repository).serverName(server != null ? server : ".").build()) {
            om.execQuery(namespace, Wql.LANGUAGE, query, rows::add);
        }
        return rows;
    }

    /** Bad input that is neither a query nor a MOF error. */
    private static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
