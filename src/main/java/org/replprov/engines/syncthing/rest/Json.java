package org.replprov.engines.syncthing.rest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Bounded reading of Syncthing's JSON answers, and typed access that names the JSON pointer of whatever is missing or
 * of the wrong type. Syncthing writes empty lists as {@code null} (Go nil slices), so a null list reads as empty.
 */
final class Json {

    /** Deeper than any Syncthing answer (the config nests 5 levels). */
    static final int MAX_DEPTH = 32;
    /** A path, a message or a version vector entry; a file name is at most a few KiB. */
    static final int MAX_STRING = 1 << 20;

    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH)
                    .maxStringLength(MAX_STRING).maxNumberLength(40).build())
            .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {
    }

    /** The answer did not have the expected shape; the message names where. */
    static final class Malformed extends Exception {
        Malformed(String message) {
            super(message);
        }
    }

    /** {@code fields} as a JSON object, for PATCH requests. */
    static byte[] write(Map<String, Object> fields) {
        try {
            return MAPPER.writeValueAsBytes(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON-writable: " + fields.keySet(), e);
        }
    }

    /** Parses {@code body}; a syntax error or an exceeded bound names the byte offset (from 0), line and column. */
    static Node parse(byte[] body) throws Malformed {
        try {
            JsonNode root = MAPPER.readTree(body);
            if (root == null || root.isMissingNode()) {
                throw new Malformed("empty answer where JSON was expected");
            }
            return new Node(root, "");
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at byte " + at.getByteOffset() + " (line " + at.getLineNr()
                    + ", column " + at.getColumnNr() + ")";
            throw new Malformed("not valid JSON" + where + ": " + SyncthingException.printable(e.getOriginalMessage(),
                    200));
        } catch (IOException e) {
            throw new Malformed("unreadable JSON: " + e.getMessage());
        }
    }

    /** A value in a parsed answer and its JSON pointer. */
    record Node(JsonNode value, String pointer) {

        private String where() {
            return pointer.isEmpty() ? "/" : pointer;
        }

        private Malformed wrong(String expected) {
            return new Malformed("at " + where() + ": expected " + expected + ", found " + describe(value));
        }

        private static String describe(JsonNode n) {
            return n.isMissingNode() ? "nothing" : n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        }

        private Node child(String name) {
            return new Node(value.path(name), pointer + "/" + name.replace("~", "~0").replace("/", "~1"));
        }

        /** The member {@code name}, which must be present and not null. */
        Node field(String name) throws Malformed {
            if (!value.isObject()) {
                throw wrong("an object");
            }
            Node c = child(name);
            if (c.value.isMissingNode() || c.value.isNull()) {
                throw new Malformed("at " + where() + ": member \"" + name + "\" is missing");
            }
            return c;
        }

        /** The member {@code name}; empty when it is absent or null (a feature this version lacks). */
        Optional<Node> optional(String name) throws Malformed {
            if (!value.isObject()) {
                throw wrong("an object");
            }
            Node c = child(name);
            return c.value.isMissingNode() || c.value.isNull() ? Optional.empty() : Optional.of(c);
        }

        String text() throws Malformed {
            if (!value.isTextual()) {
                throw wrong("a string");
            }
            return value.textValue();
        }

        long integer() throws Malformed {
            if (!value.isIntegralNumber() || !value.canConvertToLong()) {
                throw wrong("an integer");
            }
            return value.longValue();
        }

        double number() throws Malformed {
            if (!value.isNumber()) {
                throw wrong("a number");
            }
            return value.doubleValue();
        }

        boolean bool() throws Malformed {
            if (!value.isBoolean()) {
                throw wrong("true or false");
            }
            return value.booleanValue();
        }

        /**
         * An RFC 3339 time as Syncthing writes it (nanoseconds, local offset); empty for "never", which Syncthing
         * writes as Go's zero time (year 1) or the Unix epoch.
         */
        Optional<Instant> time() throws Malformed {
            String s = text();
            try {
                Instant t = OffsetDateTime.parse(s).toInstant();
                return t.getEpochSecond() <= 0 ? Optional.empty() : Optional.of(t);
            } catch (DateTimeParseException e) {
                throw new Malformed("at " + where() + ": not an RFC 3339 time: "
                        + SyncthingException.printable(s, 64));
            }
        }

        /** The elements of an array; none for null. */
        List<Node> elements() throws Malformed {
            if (value.isNull()) {
                return List.of();
            }
            if (!value.isArray()) {
                throw wrong("an array");
            }
            List<Node> out = new ArrayList<>(value.size());
            for (int i = 0; i < value.size(); i++) {
                out.add(new Node(value.get(i), pointer + "/" + i));
            }
            return out;
        }

        /** The members of an object, in the answer's order; none for null. */
        Map<String, Node> entries() throws Malformed {
            if (value.isNull()) {
                return Map.of();
            }
            if (!value.isObject()) {
                throw wrong("an object");
            }
            Map<String, Node> out = new LinkedHashMap<>();
            for (Iterator<String> names = value.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                out.put(name, child(name));
            }
            return out;
        }

        String text(String name) throws Malformed {
            return field(name).text();
        }

        long integer(String name) throws Malformed {
            return field(name).integer();
        }

        double number(String name) throws Malformed {
            return field(name).number();
        }

        boolean bool(String name) throws Malformed {
            return field(name).bool();
        }

        Optional<Instant> time(String name) throws Malformed {
            return field(name).time();
        }

        /** An optional string member; empty when absent, null or "". */
        Optional<String> optionalText(String name) throws Malformed {
            Optional<Node> n = optional(name);
            return n.isEmpty() ? Optional.empty() : Optional.of(n.get().text()).filter(s -> !s.isEmpty());
        }

        List<String> texts(String name) throws Malformed {
            Optional<Node> n = optional(name);
            List<String> out = new ArrayList<>();
            if (n.isPresent()) {
                for (Node e : n.get().elements()) {
                    out.add(e.text());
                }
            }
            return List.copyOf(out);
        }
    }
}
