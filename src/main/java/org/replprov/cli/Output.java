package org.replprov.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Prints API answers as an aligned table, as JSON, or as CSV (RFC 4180). Tables and CSV have one row per instance and
 * one column per property; JSON is the API's own form, pretty-printed.
 */
final class Output {

    private final ClientCommand.Format format;
    private final PrintWriter out;

    Output(ClientCommand.Format format, PrintWriter out) {
        this.format = format;
        this.out = out;
    }

    /** Instances, one row each; the columns are their properties in first-seen order. */
    void instances(JsonNode instances) {
        if (format == ClientCommand.Format.json) {
            json(instances);
            return;
        }
        Set<String> columns = new LinkedHashSet<>();
        instances.forEach(i -> i.get("properties").fieldNames().forEachRemaining(columns::add));
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode i : instances) {
            List<String> row = new ArrayList<>();
            for (String c : columns) {
                row.add(text(i.get("properties").get(c)));
            }
            rows.add(row);
        }
        rows(new ArrayList<>(columns), rows);
    }

    /** One instance: a Property/Value table, or a one-row CSV. */
    void instance(JsonNode instance) {
        if (format == ClientCommand.Format.json) {
            json(instance);
        } else if (format == ClientCommand.Format.csv) {
            instances(ApiClient.mapper().createArrayNode().add(instance));
        } else {
            fields(instance.get("properties"), "Property", "Value");
        }
    }

    /** A method result: ReturnValue, then the output parameters. */
    void methodResult(JsonNode result) {
        if (format == ClientCommand.Format.json) {
            json(result);
            return;
        }
        List<String> names = new ArrayList<>(List.of("ReturnValue"));
        List<String> values = new ArrayList<>(List.of(text(result.get("returnValue"))));
        result.get("outParameters").fields().forEachRemaining(e -> {
            names.add(e.getKey());
            values.add(text(e.getValue()));
        });
        if (format == ClientCommand.Format.csv) {
            rows(names, List.of(values));
        } else {
            List<List<String>> rows = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                rows.add(List.of(names.get(i), values.get(i)));
            }
            rows(List.of("Name", "Value"), rows);
        }
    }

    /** Rows of given columns from objects' fields. */
    void objects(JsonNode objects, List<String> fields, List<String> headers) {
        if (format == ClientCommand.Format.json) {
            json(objects);
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode o : objects) {
            List<String> row = new ArrayList<>();
            fields.forEach(f -> row.add(text(o.get(f))));
            rows.add(row);
        }
        rows(headers, rows);
    }

    /** CSV rows without a header, for a stream whose header went out first. */
    void rowsWithoutHeader(List<List<String>> rows) {
        rows.forEach(r -> out.println(csv(r)));
        out.flush();
    }

    /** One line of text, flushed (for streams). */
    void line(String text) {
        out.println(text);
        out.flush();
    }

    /** A JSON value on one line (for streams: one event per line). */
    void jsonLine(JsonNode node) {
        out.println(node.toString());
        out.flush();
    }

    void json(JsonNode node) {
        try {
            out.println(ApiClient.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        out.flush();
    }

    private void fields(JsonNode object, String nameHeader, String valueHeader) {
        List<List<String>> rows = new ArrayList<>();
        Iterator<String> names = object.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            rows.add(List.of(n, text(object.get(n))));
        }
        rows(List.of(nameHeader, valueHeader), rows);
    }

    /** A header and rows, as an aligned table or as CSV. */
    void rows(List<String> header, List<List<String>> rows) {
        if (format == ClientCommand.Format.csv) {
            out.println(csv(header));
            rows.forEach(r -> out.println(csv(r)));
        } else {
            int[] width = new int[header.size()];
            for (int i = 0; i < width.length; i++) {
                width[i] = header.get(i).length();
                for (List<String> r : rows) {
                    width[i] = Math.max(width[i], r.get(i).length());
                }
            }
            out.println(aligned(header, width));
            rows.forEach(r -> out.println(aligned(r, width)));
        }
        out.flush();
    }

    private static String aligned(List<String> cells, int[] width) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            b.append(cells.get(i));
            if (i < cells.size() - 1) {
                b.append(" ".repeat(width[i] - cells.get(i).length() + 2));
            }
        }
        return b.toString().stripTrailing();
    }

    private static String csv(List<String> cells) {
        StringJoiner j = new StringJoiner(",");
        for (String c : cells) {
            boolean quote = c.contains(",") || c.contains("\"") || c.contains("\n") || c.contains("\r");
            j.add(quote ? "\"" + c.replace("\"", "\"\"") + "\"" : c);
        }
        return j.toString();
    }

    /** A value as text: NULL empty, arrays comma-separated. */
    static String text(JsonNode v) {
        if (v == null || v.isNull()) {
            return "";
        }
        if (v.isArray()) {
            StringJoiner j = new StringJoiner(",");
            v.forEach(e -> j.add(text(e)));
            return j.toString();
        }
        return v.asText();
    }
}
