package org.replprov.cli;

import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code replprov get PATH}: prints one instance. */
@Command(name = "get", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Print one instance, named by its object path.",
        footer = "%nExit: 0 success, 2 usage, 101 daemon unreachable, 102 not authorized, 103 CIM error "
                + "(e.g. WBEM_E_NOT_FOUND).")
final class GetCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "PATH", description = "Object path, e.g. 'DfsrConnectionInfo.ConnectionGuid="
            + "\"…\"'; the namespace may lead it (root/MicrosoftDfs:…).")
    String path;

    @Override
    int run(ApiClient api, Output out) throws ApiException {
        out.instance(api.get(ApiClient.path("/api/v1/instance", Map.of("path", path, "namespace",
                namespace))));
        return 0;
    }
}
