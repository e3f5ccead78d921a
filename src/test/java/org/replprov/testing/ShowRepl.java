package org.replprov.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The answer of {@code samba-tool drs showrepl --json} (Samba 4.17): the oracle the directory tests compare against.
 * Field names follow the JSON keys, which follow the {@code repsFrom}/{@code repsTo} fields Samba decodes.
 *
 * @param dsa         the local DSA
 * @param repsFrom    inbound neighbours, one per partner and NC
 * @param repsTo      outbound neighbours, one per partner and NC
 * @param connections the {@code nTDSConnection} objects of the local DSA
 */
public record ShowRepl(Dsa dsa, List<Neighbour> repsFrom, List<Neighbour> repsTo, List<Connection> connections) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public ShowRepl {
        repsFrom = List.copyOf(repsFrom);
        repsTo = List.copyOf(repsTo);
        connections = List.copyOf(connections);
    }

    /** {@code "dsa"}: options, objectGUID, invocationId. */
    public record Dsa(int options, UUID objectGuid, UUID invocationId) {
    }

    /**
     * One {@code repsFrom}/{@code repsTo} neighbour as showrepl prints it; times stay text ({@code NTTIME(0)} or a
     * local date), as they are only compared, never computed with.
     */
    public record Neighbour(String ncDn, UUID dsaObjectGuid, String dsa, String ntdsDn, String lastAttemptTime,
                            String lastAttemptMessage, int consecutiveFailures, String lastSuccess,
                            boolean deleted) {

        /** Whether the last attempt succeeded ({@code "was successful"}). */
        public boolean successful() {
            return lastAttemptMessage.equals("was successful");
        }
    }

    /** One {@code NTDSConnections} entry. */
    public record Connection(String name, String remoteDn, int options, boolean enabled, String dnsName) {
    }

    /** Parses the JSON; a missing key is an {@link IOException} naming it. */
    public static ShowRepl parse(String json) throws IOException {
        JsonNode root = JSON.readTree(json);
        JsonNode dsa = field(root, "dsa");
        List<Connection> connections = new ArrayList<>();
        for (JsonNode c : field(root, "NTDSConnections")) {
            connections.add(new Connection(text(c, "name"), text(c, "remote DN"), field(c, "options").asInt(),
                    field(c, "enabled").asBoolean(), text(c, "dns name")));
        }
        return new ShowRepl(new Dsa(field(dsa, "options").asInt(), UUID.fromString(text(dsa, "objectGUID")),
                UUID.fromString(text(dsa, "invocationId"))), neighbours(field(root, "repsFrom")),
                neighbours(field(root, "repsTo")), connections);
    }

    /** How many neighbours each NC has, by NC DN. */
    public static Map<String, Integer> countByNc(List<Neighbour> neighbours) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        neighbours.forEach(n -> counts.merge(n.ncDn(), 1, Integer::sum));
        return counts;
    }

    private static List<Neighbour> neighbours(JsonNode array) throws IOException {
        List<Neighbour> list = new ArrayList<>();
        for (JsonNode n : array) {
            list.add(new Neighbour(text(n, "NC dn"), UUID.fromString(text(n, "DSA objectGUID")), text(n, "DSA"),
                    text(n, "NTDS DN"), text(n, "last attempt time"), text(n, "last attempt message"),
                    field(n, "consecutive failures").asInt(), text(n, "last success"),
                    field(n, "is deleted").asBoolean()));
        }
        return list;
    }

    private static JsonNode field(JsonNode node, String name) throws IOException {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            throw new IOException("drs showrepl --json: no \"" + name + "\" in " + node);
        }
        return v;
    }

    private static String text(JsonNode node, String name) throws IOException {
        return field(node, name).asText();
    }
}
