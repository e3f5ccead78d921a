package org.replprov.engines.windows.dcom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.replprov.cim.CimClass;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimValue;
import org.replprov.engines.windows.wmio.ClassDefinition;
import org.replprov.engines.windows.wmio.Decoration;
import org.replprov.engines.windows.wmio.ObjectBlock;
import org.replprov.engines.windows.wmio.WmioCim;
import org.replprov.engines.windows.wmio.WmioCodec;
import org.replprov.engines.windows.wmio.WmioInstance;
import org.replprov.engines.windows.wmio.WmioValue;
import org.replprov.testing.PythonHelper;

/**
 * The DCOM/MS-WMI test responder ({@code dcom/wmi_responder.py}, on Debian's python3-impacket) listening on
 * {@code address} port 135 of the loopback network, as a Windows member would. It serves MS-WMIO objects encoded by
 * the project's codec from instances of the shipped MOF, and logs what clients did (authentication levels,
 * activations, queries, method calls with their in-parameters).
 *
 * <p>Port 135 is privileged: the tests run as root, as the Samba-based ones do.
 */
public final class DcomResponder implements AutoCloseable {

    public static final String USER = "dfsrmon";
    public static final String DOMAIN = "EXAMPLE";
    public static final String PASSWORD = "Pa55-w0rd!";
    static final Decoration DECORATION = new Decoration("MEMBER", "ROOT\\MicrosoftDFS");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final PythonHelper python;
    private final String address;

    private DcomResponder(PythonHelper python, String address) {
        this.python = python;
        this.address = address;
    }

    /** Starts a responder on {@code address}:135 (a 127.x.y.z address of its own, so that tests do not collide). */
    public static DcomResponder start(String address) {
        DcomResponder r = new DcomResponder(PythonHelper.start("/dcom/wmi_responder.py", "python3-impacket",
                ProcessBuilder.Redirect.INHERIT), address);
        try {
            r.ask(MAPPER.createObjectNode().put("op", "start").put("address", address).put("port", 135)
                    .put("user", USER).put("domain", DOMAIN).put("password", PASSWORD));
        } catch (AssertionError e) {
            r.close();
            throw new AssertionError(e.getMessage() + " (the responder listens on port 135: run the tests as root)", e);
        }
        return r;
    }

    public String address() {
        return address;
    }

    /** Serves {@code instances} (of any classes) to queries from now on. */
    public void serve(List<CimInstance> instances) {
        ObjectNode classes = MAPPER.createObjectNode();
        WmioCodec codec = WmioCodec.standard();
        for (CimInstance i : instances) {
            ObjectBlock block = WmioCim.toObjectBlock(i, DECORATION);
            ArrayNode list = classes.has(i.className().toString()) ? (ArrayNode) classes.get(i.className().toString())
                    : classes.putArray(i.className().toString());
            list.addObject().put("unit", HexFormat.of().formatHex(codec.encodeEncodingUnit(block)))
                    .put("noclass", HexFormat.of().formatHex(codec.encodeInstanceNoClass(block)));
        }
        ObjectNode request = MAPPER.createObjectNode().put("op", "objects");
        request.set("classes", classes);
        ask(request);
    }

    /** Answers {@code cls.method} with out-parameters holding {@code returnValue}. */
    public void method(CimClass cls, String method, long returnValue) {
        ClassDefinition out = WmioCim.toWmioClass(cls).method(method).flatMap(m -> m.outParameters())
                .orElseThrow(() -> new IllegalArgumentException(cls.name() + " has no method " + method));
        WmioInstance params = WmioInstance.of(out, Map.of(WmioCim.RETURN_VALUE,
                WmioValue.of(CimValue.uint32(returnValue))));
        byte[] unit = WmioCodec.standard().encodeEncodingUnit(ObjectBlock.of(null, params));
        ask(MAPPER.createObjectNode().put("op", "method").put("name", method)
                .put("out", HexFormat.of().formatHex(unit)));
    }

    /** Fails {@code method} with {@code hresult} (a WBEM status). */
    public void methodFails(String method, long hresult) {
        ask(MAPPER.createObjectNode().put("op", "method").put("name", method).put("error", hresult));
    }

    /** Stops (or resumes) answering calls on WMI objects, as a member that hangs. */
    public void hang(boolean on) {
        ask(MAPPER.createObjectNode().put("op", "hang").put("on", on));
    }

    /** What happened since the last call. */
    public List<JsonNode> events() {
        List<JsonNode> out = new ArrayList<>();
        ask(MAPPER.createObjectNode().put("op", "log")).path("events").forEach(out::add);
        return out;
    }

    /** The events named {@code event} since the last call of {@link #events()} (which this is). */
    public static List<JsonNode> only(List<JsonNode> events, String event) {
        return events.stream().filter(e -> e.path("event").asText().equals(event)).toList();
    }

    private synchronized JsonNode ask(ObjectNode request) {
        python.write(request);
        python.flush();
        JsonNode answer = python.read();
        if (answer == null) {
            throw new AssertionError("the DCOM responder stopped");
        }
        if (!answer.path("ok").asBoolean()) {
            throw new AssertionError("the DCOM responder refused " + request.path("op").asText() + ": "
                    + answer.path("error").asText());
        }
        return answer;
    }

    @Override
    public void close() {
        python.close();
    }
}
