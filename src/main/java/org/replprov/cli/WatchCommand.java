package org.replprov.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code replprov watch "WQL event query"}: prints events as they arrive, one line each; for a modification, the
 * properties that changed with their old and new values.
 */
@Command(name = "watch", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Print the events of a WQL event query as they arrive.",
        footer = {"%nExample: replprov watch \"SELECT * FROM __InstanceModificationEvent WITHIN 1 "
                + "WHERE TargetInstance ISA 'DfsrConnectionInfo'\"",
            "Exit: 0 when --count events arrived or the daemon ended the stream; 2 usage, 101 daemon unreachable, "
                + "102 not authorized, 103 CIM error (e.g. WBEM_E_INVALID_QUERY)."})
final class WatchCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "WQL", description = "An event query on __InstanceCreationEvent, "
            + "__InstanceModificationEvent, __InstanceDeletionEvent or __InstanceOperationEvent.")
    String query;

    @Option(names = "--count", paramLabel = "N", description = "Stop after N events (default: run until stopped).")
    int count;

    @Override
    int run(ApiClient api, Output out) throws ApiException {
        int[] seen = {0};
        List<String> header = List.of("Time", "Event", "Path", "Changes");
        if (output == ClientCommand.Format.csv) {
            out.rows(header, List.of());
        }
        api.stream(ApiClient.path("/api/v1/events", Map.of("query", query, "namespace", namespace)), e -> {
            if (e.type().equals("shutdown") || e.type().equals("overflow")) {
                return false;
            }
            JsonNode event;
            try {
                event = ApiClient.parse(e.data());
            } catch (IOException unreadable) {
                return true;
            }
            if (output == ClientCommand.Format.json) {
                out.jsonLine(event);
            } else {
                List<String> row = List.of(event.path("timeCreated").asText(), event.path("eventClass").asText(),
                        event.path("targetInstance").path("path").asText(), changes(event));
                if (output == ClientCommand.Format.csv) {
                    out.rowsWithoutHeader(List.of(row));
                } else {
                    out.line(String.join("  ", row).strip());
                }
            }
            return count == 0 || ++seen[0] < count;
        });
        return 0;
    }

    /** {@code State: 3 -> 1, LastErrorCode: 9033 -> 0} for a modification; empty otherwise. */
    static String changes(JsonNode event) {
        JsonNode before = event.path("previousInstance").path("properties");
        JsonNode after = event.path("targetInstance").path("properties");
        if (before.isMissingNode()) {
            return "";
        }
        List<String> changed = new ArrayList<>();
        Iterator<String> names = after.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (!after.get(n).equals(before.get(n))) {
                changed.add(n + ": " + Output.text(before.get(n)) + " -> " + Output.text(after.get(n)));
            }
        }
        return String.join(", ", changed);
    }
}
