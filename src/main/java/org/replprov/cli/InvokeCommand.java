package org.replprov.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code replprov invoke PATH METHOD Name=Value…}: invokes a method. Values are sent as text; the daemon types them
 * from the method's declaration. The exit code is the method's ReturnValue (0 success; values above 99 exit 100), so
 * scripts can test it directly.
 */
@Command(name = "invoke", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Invoke a method on an instance; exits with its ReturnValue.",
        footer = {"%nExample: replprov invoke 'DfsrConnectionInfo.ConnectionGuid=\"…\"' ForceReplication Mode=2 "
                + "DurationInMin=15 Bandwidth=15",
            "Exit: the ReturnValue when 0-99, 100 when larger; 2 usage, 101 daemon unreachable, 102 not authorized "
                + "(invoking needs the operator role), 103 CIM error (the method did not run)."})
final class InvokeCommand extends ClientCommand {

    /** The exit code for ReturnValues too large to be one. */
    static final int LARGE_RETURN_VALUE = 100;

    @Parameters(index = "0", paramLabel = "PATH", description = "Object path of the instance (or class).")
    String path;

    @Parameters(index = "1", paramLabel = "METHOD", description = "Method name, e.g. ForceReplication.")
    String method;

    @Parameters(index = "2..*", paramLabel = "Name=Value", description = "Input parameters.")
    List<String> parameters = new ArrayList<>();

    @Override
    int run(ApiClient api, Output out) throws ApiException {
        ObjectNode body = ApiClient.mapper().createObjectNode();
        body.put("path", path.contains(":") ? path : namespace + ":" + path);
        body.put("method", method);
        ObjectNode params = body.putObject("parameters");
        for (String p : parameters) {
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new ApiException(2, "parameter '" + p + "' is not of the form Name=Value");
            }
            params.put(p.substring(0, eq), p.substring(eq + 1));
        }
        JsonNode result = api.post("/api/v1/invoke", body);
        out.methodResult(result);
        JsonNode rv = result.get("returnValue");
        if (rv == null || !rv.canConvertToLong()) {
            return 0;
        }
        long value = rv.asLong();
        return value >= 0 && value < LARGE_RETURN_VALUE ? (int) value : LARGE_RETURN_VALUE;
    }
}
