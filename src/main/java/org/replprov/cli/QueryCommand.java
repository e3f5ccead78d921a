package org.replprov.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code replprov query "WQL"}: runs a WQL query on a running daemon and prints the instances. */
@Command(name = "query", description = "Run a WQL query on the daemon and print the instances.",
        footer = "%nExit: 0 success, 2 usage, 101 daemon unreachable, 102 not authorized, 103 CIM error.")
final class QueryCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "WQL", description = "The query, e.g. \"SELECT * FROM DfsrConnectionInfo "
            + "WHERE State = 3\".")
    String wql;

    @Override
    int run(ApiClient api, Output out) throws ApiException {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("q", wql);
        q.put("namespace", client.namespace);
        out.instances(api.get(ApiClient.path("/api/v1/query", q)).get("instances"));
        return 0;
    }
}
