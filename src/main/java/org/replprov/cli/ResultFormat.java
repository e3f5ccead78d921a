package org.replprov.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import org.replprov.cim.CimInstance;
import org.replprov.cim.CimName;
import org.replprov.cim.CimProperty;
import org.replprov.cim.CimValue;
import org.replprov.wql.ResultRow;

/**
 * How {@code replprov query} prints results.
 *
 * <ul>
 *   <li>{@code json}: an array with one object per result, in result order: {@code __PATH}, then each returned
 *       property in class order. Integers and reals are numbers, booleans true/false, NULL null, datetimes CIM
 *       datetime strings, references WMI object paths, arrays JSON arrays.</li>
 *   <li>{@code table}: aligned columns, one per property any result returns, blank where a result lacks it.</li>
 *   <li>{@code csv}: the same columns as RFC 4180 comma-separated values with a header line.</li>
 * </ul>
 */
enum ResultFormat {
    JSON {
        @Override
        void print(List<ResultRow> rows, PrintWriter out) {
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            try (JsonGenerator json = mapper.getFactory().createGenerator(out)) {
                json.useDefaultPrettyPrinter();
                json.writeStartArray();
                for (ResultRow row : rows) {
                    json.writeStartObject();
                    json.writeStringField(ResultRow.PATH.toString(), row.path().toWmiPath());
                    for (CimProperty p : row.instance().properties()) {
                        json.writeFieldName(p.name().toString());
                        writeValue(json, row.instance().value(p.name()));
                    }
                    json.writeEndObject();
                }
                json.writeEndArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out.println();
        }

        private void writeValue(JsonGenerator json, CimValue v) throws IOException {
            if (v == null) {
                json.writeNull();
            } else if (v instanceof CimValue.Int i) {
                json.writeNumber(i.bigValue());
            } else if (v instanceof CimValue.Real r) {
                json.writeNumber(r.value());
            } else if (v instanceof CimValue.Bool b) {
                json.writeBoolean(b.value());
            } else if (v instanceof CimValue.Array a) {
                json.writeStartArray();
                for (CimValue e : a.elements()) {
                    writeValue(json, e);
                }
                json.writeEndArray();
            } else {
                json.writeString(v.text());
            }
        }
    },

    TABLE {
        @Override
        void print(List<ResultRow> rows, PrintWriter out) {
            List<CimName> columns = columns(rows);
            List<String[]> lines = new ArrayList<>();
            lines.add(columns.stream().map(CimName::toString).toArray(String[]::new));
            rows.forEach(r -> lines.add(cells(r.instance(), columns)));
            int[] widths = new int[columns.size()];
            for (String[] line : lines) {
                for (int c = 0; c < line.length; c++) {
                    widths[c] = Math.max(widths[c], line[c].length());
                }
            }
            for (String[] line : lines) {
                StringBuilder sb = new StringBuilder();
                for (int c = 0; c < line.length; c++) {
                    sb.append(c == 0 ? "" : "  ").append(line[c]).append(" ".repeat(widths[c] - line[c].length()));
                }
                out.println(sb.toString().stripTrailing());
            }
            out.println("(" + rows.size() + (rows.size() == 1 ? " instance)" : " instances)"));
        }
    },

    CSV {
        @Override
        void print(List<ResultRow> rows, PrintWriter out) {
            List<CimName> columns = columns(rows);
            out.print(String.join(",", columns.stream().map(c -> quote(c.toString())).toList()) + "\r\n");
            for (ResultRow r : rows) {
                out.print(String.join(",", List.of(cells(r.instance(), columns)).stream().map(ResultFormat::quote)
                        .toList()) + "\r\n");
            }
        }
    };

    /** Prints {@code rows} to {@code out}. */
    abstract void print(List<ResultRow> rows, PrintWriter out);

    /** Every property some row returns, in the order they first appear. */
    private static List<CimName> columns(List<ResultRow> rows) {
        Set<CimName> names = new LinkedHashSet<>();
        rows.forEach(r -> r.instance().properties().forEach(p -> names.add(p.name())));
        return List.copyOf(names);
    }

    /** The row's values as text (CIM datetimes as written, booleans TRUE/FALSE), blank for NULL or absent. */
    private static String[] cells(CimInstance instance, List<CimName> columns) {
        return columns.stream().map(instance::value).map(v -> v == null ? "" : v.text()).toArray(String[]::new);
    }

    private static String quote(String cell) {
        boolean plain = cell.chars().noneMatch(c -> c == ',' || c == '"' || c == '\r' || c == '\n');
        return plain ? cell : '"' + cell.replace("\"", "\"\"") + '"';
    }
}
