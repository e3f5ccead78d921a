package org.replprov.engines.windows.wmio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.replprov.testing.PythonHelper;

/**
 * impacket's own MS-WMIO code ({@code impacket.dcerpc.v5.dcom.wmi}), reached through one {@link PythonHelper}
 * running {@code wmio/impacket_wmio.py} (a test resource) with Debian's python3-impacket, one request at a time.
 */
final class Impacket implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final PythonHelper python;

    private Impacket(PythonHelper python) {
        this.python = python;
    }

    static Impacket start() {
        return new Impacket(PythonHelper.start("/wmio/impacket_wmio.py", "python3-impacket",
                ProcessBuilder.Redirect.DISCARD));
    }

    /** impacket's view of an EncodingUnit. */
    JsonNode parse(byte[] unit) {
        return ask(MAPPER.createObjectNode().put("op", "parse").put("hex", WmioVectors.hex(unit))).path("object");
    }

    /** An instance of the class in {@code classUnit}, spawned and marshalled by impacket with {@code values}. */
    byte[] spawn(byte[] classUnit, ObjectNode values) {
        ObjectNode request = MAPPER.createObjectNode().put("op", "spawn").put("hex", WmioVectors.hex(classUnit));
        request.set("values", values);
        return hexOf(ask(request));
    }

    /** The in-parameters impacket sends when calling {@code method} of the class in {@code classUnit}. */
    byte[] call(byte[] classUnit, String method, Object... args) {
        ObjectNode request = MAPPER.createObjectNode().put("op", "call").put("hex", WmioVectors.hex(classUnit))
                .put("method", method);
        request.set("args", MAPPER.valueToTree(args));
        return hexOf(ask(request));
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    private static byte[] hexOf(JsonNode answer) {
        return java.util.HexFormat.of().parseHex(answer.path("hex").asText());
    }

    private JsonNode ask(ObjectNode request) {
        python.write(request);
        python.flush();
        JsonNode answer = python.read();
        if (answer == null) {
            throw new AssertionError("the impacket helper stopped");
        }
        if (!answer.path("ok").asBoolean()) {
            throw new AssertionError("impacket refused " + request.path("op").asText() + ": "
                    + answer.path("error").asText());
        }
        return answer;
    }

    @Override
    public void close() {
        python.close();
    }
}
