package org.replprov.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.replprov.cim.CimException;
import org.replprov.cim.CimName;
import org.replprov.cim.CimObjectPath;
import org.replprov.cim.WbemStatus;
import org.replprov.operation.Operation;
import org.replprov.operation.OperationService;
import org.replprov.operation.Outcome;
import org.replprov.operation.PropertyList;
import org.replprov.protocol.json.CimJson;
import org.replprov.protocol.json.JsonEncoder;
import org.replprov.protocol.json.JsonParameters;
import org.replprov.server.http.Exchange;
import org.replprov.server.http.Handler;
import org.replprov.server.security.Role;
import org.replprov.wql.Wql;

/**
 * The JSON API under {@code /api/v1} (docs/api.md): query, enumerate, get, invoke, class schemas, and who the caller
 * is. A thin handler: each endpoint's path, query string and body become an {@link Operation}, which the
 * {@link OperationService} runs (refusing what the caller's role does not allow) and {@link JsonEncoder} writes.
 * Errors are JSON objects naming the WBEM status, with an HTTP status chosen from it
 * ({@link CimJson#httpStatus}).
 */
final class JsonApiHandler implements Handler {

    static final String DEFAULT_NAMESPACE = "root/MicrosoftDfs";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final OperationService service;

    JsonApiHandler(OperationService service) {
        this.service = service;
    }

    /** The API's own names under {@code /api/v1/}, which no engine endpoint may take. */
    static final List<String> ENDPOINTS = List.of("query", "instances", "instance", "invoke", "classes", "class",
            "whoami");

    @Override
    public Outcome handle(Exchange ex) throws IOException {
        String path = ex.uri().getPath();
        String endpoint = path.startsWith("/api/v1/classes/") ? "class" : path.substring(path.lastIndexOf('/') + 1);
        JsonEncoder.Transport transport = (status, length) -> {
            ex.responseHeader("Content-Type", JsonResponses.CONTENT_TYPE);
            return ex.respond(status, length);
        };
        Operation op;
        try {
            QueryParameters q = QueryParameters.parse(ex.uri().getRawQuery());
            String namespace = q.get("namespace").orElse(DEFAULT_NAMESPACE);
            if (!path.startsWith("/api/v1/") || !ENDPOINTS.contains(endpoint)) {
                return error(transport, 404, "no-such-endpoint",
                        new CimException(WbemStatus.WBEM_E_NOT_SUPPORTED, "no API endpoint " + path));
            }
            String allowed = endpoint.equals("invoke") ? "POST" : endpoint.equals("query") ? "GET, POST" : "GET";
            if (!allowed.contains(ex.method())) {
                ex.responseHeader("Allow", allowed);
                String description = path + " takes " + allowed + ", not " + ex.method();
                JsonEncoder.error(transport, Outcome.Refusal.METHOD_NOT_ALLOWED.httpStatus(),
                        Outcome.Refusal.METHOD_NOT_ALLOWED.error(description));
                return Outcome.refused(endpoint, Outcome.Refusal.METHOD_NOT_ALLOWED, description);
            }
            if (endpoint.equals("whoami")) {
                return whoami(ex);
            }
            op = switch (endpoint) {
                case "query" -> {
                    // POST carries the query in a JSON body: a query near the WQL limit (16 384 characters) is up to
                    // three times longer percent-encoded, more than a request head may be.
                    JsonNode body = ex.method().equals("POST") ? jsonObject(ex) : null;
                    String wql = body == null ? q.require("q") : text(body, "q");
                    String ns = body == null || body.get("namespace") == null ? namespace : text(body, "namespace");
                    yield new Operation.ExecQuery(ns, Wql.LANGUAGE, wql);
                }
                case "instances" -> new Operation.EnumerateInstances(namespace, name(q.require("class"), "class"),
                        true, false, false, q.get("properties").map(JsonApiHandler::propertyList)
                        .orElse(PropertyList.ALL));
                case "instance" -> {
                    CimObjectPath p = objectPath(q.require("path"));
                    yield new Operation.GetInstance(p.namespace().orElse(namespace), p, false, false,
                            PropertyList.ALL);
                }
                case "invoke" -> invocation(ex, namespace);
                case "classes" -> new Operation.EnumerateClasses(namespace,
                        q.get("class").map(c -> name(c, "class")).orElse(null), q.bool("deep", true), false, true,
                        false);
                case "class" -> new Operation.GetClass(namespace,
                        name(path.substring("/api/v1/classes/".length()), "class"), false, true, false,
                        PropertyList.ALL);
                default -> throw new AssertionError(endpoint);
            };
        } catch (CimException e) {
            return error(transport, CimJson.httpStatus(e.status()), endpoint, e);
        } catch (Exchange.TooLargeException e) {
            ex.responseHeader("Connection", "close");
            JsonEncoder.error(transport, Outcome.Refusal.TOO_LARGE.httpStatus(),
                    Outcome.Refusal.TOO_LARGE.error(e.getMessage()));
            return Outcome.refused(endpoint, Outcome.Refusal.TOO_LARGE, e.getMessage());
        }
        String label = op instanceof Operation.InvokeMethod m ? m.methodName().toString() : endpoint;
        return service.run(Callers.request(ex), label, op, new JsonEncoder(transport));
    }

    /**
     * {@code POST /api/v1/invoke} with {@code {"path": …, "method": …, "parameters": {…}}}. A class path is allowed:
     * static methods are invoked on the class. Only operators may: the service checks.
     */
    private static Operation invocation(Exchange ex, String namespace) throws Exchange.TooLargeException {
        JsonNode body = jsonObject(ex);
        CimObjectPath target = CimObjectPath.parse(text(body, "path"));
        return new Operation.InvokeMethod(target.namespace().orElse(namespace), target,
                name(text(body, "method"), "method"), JsonParameters.read(body.get("parameters")));
    }

    /** Lets the status page offer method buttons to operators only; the service still checks on invoke. */
    private static Outcome whoami(Exchange ex) throws IOException {
        JsonResponses.send(ex, 200, g -> {
            g.writeStartObject();
            g.writeStringField("user", ex.principal().name());
            g.writeArrayFieldStart("roles");
            for (Role r : Role.values()) {
                if (ex.principal().may(r)) {
                    g.writeString(r.name().toLowerCase(Locale.ROOT));
                }
            }
            g.writeEndArray();
            g.writeEndObject();
        });
        return Outcome.success("whoami", 1);
    }

    /** The request body as a JSON object. */
    private static JsonNode jsonObject(Exchange ex) throws Exchange.TooLargeException {
        byte[] bytes = ex.body();
        JsonNode body;
        try {
            body = MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new CimException(WbemStatus.WBEM_E_INVALID_PARAMETER, "the body is not JSON: "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new CimException(WbemStatus.WBEM_E_INVALID_PARAMETER, "the body cannot be read: " + e.getMessage());
        }
        if (body == null || !body.isObject()) {
            throw new CimException(WbemStatus.WBEM_E_INVALID_PARAMETER, "the body must be a JSON object");
        }
        return body;
    }

    private static String text(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || !n.isTextual() || n.textValue().isBlank()) {
            throw new CimException(WbemStatus.WBEM_E_INVALID_PARAMETER, "\"" + field + "\" must be a string");
        }
        return n.textValue();
    }

    private static Outcome error(JsonEncoder.Transport transport, int status, String endpoint, CimException e)
            throws IOException {
        JsonEncoder.error(transport, status, e);
        return Outcome.failure(endpoint, e);
    }

    private static PropertyList propertyList(String commaSeparated) {
        List<CimName> names = new ArrayList<>();
        Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .forEach(s -> names.add(name(s, "property")));
        return PropertyList.of(names);
    }

    private static CimName name(String text, String what) {
        if (!CimName.isValid(text)) {
            throw new CimException(WbemStatus.WBEM_E_INVALID_PARAMETER, "'" + text + "' is not a " + what + " name");
        }
        return CimName.of(text);
    }

    private static CimObjectPath objectPath(String text) {
        CimObjectPath p = CimObjectPath.parse(text);
        if (p.isClassPath()) {
            throw new CimException(WbemStatus.WBEM_E_INVALID_OBJECT_PATH, "'" + text
                    + "' names a class; an instance path has keys: Class.Key=\"value\"");
        }
        return p;
    }
}
