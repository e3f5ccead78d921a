package org.replprov.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code replprov classes [CLASS]}: lists the namespace's classes, or shows one class's properties and methods. */
@Command(name = "classes", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "List the classes of a namespace, or show one class's schema.",
        footer = "%nExit: 0 success, 2 usage, 101 daemon unreachable, 102 not authorized, 103 CIM error.")
final class ClassesCommand extends ClientCommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "CLASS", description = "Show this class's schema.")
    String className;

    @Override
    int run(ApiClient api, Output out) throws ApiException {
        if (className == null) {
            JsonNode list = api.get(ApiClient.path("/api/v1/classes", Map.of("namespace", namespace)));
            out.objects(list.get("classes"), List.of("name", "superClass"), List.of("Class", "Superclass"));
            return 0;
        }
        JsonNode c = api.get(ApiClient.path("/api/v1/classes/" + className, Map.of("namespace", namespace)));
        if (output == ClientCommand.Format.json) {
            out.json(c);
            return 0;
        }
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode p : c.get("properties")) {
            rows.add(List.of("property", p.get("name").asText(), p.get("type").asText() + (p.get("key").asBoolean()
                    ? " (key)" : ""), Output.text(p.get("classOrigin"))));
        }
        for (JsonNode m : c.get("methods")) {
            List<String> params = new ArrayList<>();
            m.get("parameters").forEach(p -> params.add(p.get("type").asText() + " " + p.get("name").asText()));
            rows.add(List.of("method", m.get("name").asText() + "(" + String.join(", ", params) + ")",
                    m.get("returnType").asText(), ""));
        }
        out.rows(List.of("Kind", "Name", "Type", "Origin"), rows);
        return 0;
    }
}
