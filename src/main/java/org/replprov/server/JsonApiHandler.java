package org.replprov.server;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.replprov.cim.CimClass;
import org.replprov.cim.CimException;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimName;
import org.replprov.cim.CimObjectPath;
import org.replprov.cim.WbemStatus;
import org.replprov.log.LogSafe;
import org.replprov.protocol.DeferredResponse;
import org.replprov.protocol.Outcome;
import org.replprov.protocol.PropertyList;
import org.replprov.protocol.json.CimJson;
import org.replprov.protocol.json.JsonParameters;
import org.replprov.provider.ObjectManager;
import org.replprov.provider.spi.MethodResult;
import org.replprov.server.http.Exchange;
import org.replprov.server.http.Handler;
import org.replprov.server.http.Responses;
import org.replprov.server.security.Role;
import org.replprov.wql.Wql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON API under {@code /api/v1} (docs/api.md): query, enumerate, get, invoke, class schemas, and who the caller
 * is. Errors are JSON objects naming the WBEM status, with an HTTP status chosen from it
 * ({@link CimJson#httpStatus}).
 */
final class JsonApiHandler implements Handler {

    private static final Logger log = LoggerFactory.getLogger(JsonApiHandler.class);
    static final String DEFAULT_NAMESPACE = "root/MicrosoftDfs";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ObjectManager om;

    JsonApiHandler(ObjectManager objectManager) {
        this.om = objectManager;
    }

    /** The API's own names under {@code /api/v1/}, which no engine endpoint may take. */
    static final List<String> ENDPOINTS = List.of("query", "instances", "instance", "invoke", "classes", "class",
            "whoami");

    @Override
    public Outcome handle(Exchange ex) throws IOException {
        String path = ex.uri().getPath();
        String endpoint = path.startsWith("/api/v1/classes/") ? "class" : path.substring(path.lastIndexOf('/') + 1);
        try {
            QueryParameters q = QueryParameters.parse(ex.uri().getRawQuery());
            String namespace = q.get("namespace").orElse(DEFAULT_NAMESPACE);
            if (!path.startsWith("/api/v1/") || !ENDPOINTS.contains(endpoint)) {
                return error(ex, 404, "no-such-endpoint",
                        new CimException(WbemStatus.WBEM_E_NOT_SUPPORTED, "no API endpoint " + path));
            }
            String allowed = endpoint.equals("invoke") ? "POST" : endpoint.equals("query") ? "GET, POST" : "GET";
            if (!allowed.contains(ex.method())) {
                ex.responseHeader("Allow", allowed);
                return error(ex, 405, endpoint, new CimException(WbemStatus.WBEM_E_NOT_SUPPORTED,
                        path + " takes " + allowed + ", not " + ex.method()));
            }
            return switch (endpoint) {
                case "query" -> {
                    // POST carries the query in a JSON body: a query near the WQL limit (16 384 characters) is up to
                    // three times longer percent-encoded, more than a request head may be.
                    JsonNode body = ex.method().equals("POST") ? jsonObject(ex) : null;
                    String wql = body == null ? q.require("q") : text(body, "q");
                    String ns = body == null || body.get("namespace") == null ? namespace : text(body, "namespace");
                    yield instances(ex, endpoint, ns, PropertyList.ALL, sink -> om.execQuery(
                            ns, Wql.LANGUAGE, wql, row -> sink.accept(row.instance())));
                }
                case "instances" -> {
                    PropertyList properties = q.get("properties").map(JsonApiHandler::propertyList)
                            .orElse(PropertyList.ALL);
                    CimName className = name(q.require("class"), "class");
                    yield instances(ex, endpoint, namespace, properties, sink -> om.enumerateInstances(
                            namespace, className, properties.namesOrNull(), sink::accept));
                }
                case "instance" -> {
                    CimObjectPath p = objectPath(q.require("path"));
                    String ns = p.namespace().orElse(namespace);
                    CimInstance i = om.getInstance(ns, p);
                    yield single(ex, endpoint, g -> CimJson.instance(g, ns, i, PropertyList.ALL));
                }
                case "invoke" -> invoke(ex, namespace);
                // Lets the status page offer method buttons to operators only; the server still checks on invoke.
                case "whoami" -> single(ex, endpoint, g -> {
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
                case "classes" -> {
                    CimName base = q.get("class").map(c -> name(c, "class")).orElse(null);
                    List<CimClass> classes = om.enumerateClasses(namespace, base, q.bool("deep", true));
                    yield single(ex, endpoint, g -> {
                        g.writeStartObject();
                        g.writeStringField("namespace", namespace);
                        g.writeArrayFieldStart("classes");
                        for (CimClass c : classes) {
                            g.writeStartObject();
                            g.writeStringField("name", c.name().toString());
                            g.writeStringField("superClass", c.superClass().map(s -> s.name().toString())
                                    .orElse(null));
                            g.writeEndObject();
                        }
                        g.writeEndArray();
                        g.writeEndObject();
                    });
                }
                case "class" -> {
                    CimClass c = om.getClass(namespace, name(path.substring("/api/v1/classes/".length()), "class"));
                    yield single(ex, endpoint, g -> CimJson.cimClass(g, c));
                }
                default -> throw new AssertionError(endpoint);
            };
        } catch (CimException e) {
            return error(ex, CimJson.httpStatus(e.status()), endpoint, e);
        } catch (Exchange.TooLargeException e) {
            ex.responseHeader("Connection", "close");
            return error(ex, 413, endpoint, new CimException(WbemStatus.WBEM_E_QUOTA_VIOLATION, e.getMessage()));
        }
    }

    /** {@code POST /api/v1/invoke} with {@code {"path": …, "method": …, "parameters": {…}}}; operators only. */
    private Outcome invoke(Exchange ex, String namespace) throws IOException {
        if (!ex.principal().may(Role.OPERATOR)) {
            log.warn("User {} may not invoke methods: the operator role is needed", ex.principal().name());
            return error(ex, 403, "invoke", new CimException(WbemStatus.WBEM_E_ACCESS_DENIED,
                    "invoking methods needs the operator role"));
        }
        JsonNode body = jsonObject(ex);
        // A class path is allowed here: static methods are invoked on the class.
        CimObjectPath target = CimObjectPath.parse(text(body, "path"));
        String ns = target.namespace().orElse(namespace);
        CimName method = name(text(body, "method"), "method");
        MethodResult result = om.invokeMethod(ns, target, method, JsonParameters.read(body.get("parameters")));
        log.info("{} invoked {} on {}: ReturnValue {}", ex.principal().name(), LogSafe.of(method), LogSafe.of(target),
                result.returnValue() == null ? "NULL" : result.returnValue().text());
        single(ex, method.toString(), g -> CimJson.methodResult(g, result));
        return Outcome.success(method.toString(), 1);
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

    /** Writes a streamed {@code {"namespace": …, "instances": […]}} answer. */
    private Outcome instances(Exchange ex, String endpoint, String namespace, PropertyList properties,
                              Enumeration enumeration) throws IOException {
        DeferredResponse out = deferred(ex, 200);
        long[] count = {0};
        try {
            // The generator must not close the response: on an error the body is rewound and replaced.
            JsonGenerator g = JsonResponses.JSON.createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.writeStartObject();
            g.writeStringField("namespace", namespace);
            g.writeArrayFieldStart("instances");
            enumeration.run(i -> {
                try {
                    CimJson.instance(g, namespace, i, properties);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                count[0]++;
            });
            g.writeEndArray();
            g.writeEndObject();
            g.close();
        } catch (CimException e) {
            if (!out.rewind()) {
                throw e;
            }
            return error(ex, CimJson.httpStatus(e.status()), endpoint, e);
        }
        out.close();
        return Outcome.success(endpoint, count[0]);
    }

    /** An enumeration feeding instances to a sink. */
    @FunctionalInterface
    private interface Enumeration {
        void run(Consumer<CimInstance> sink);
    }

    private static Outcome single(Exchange ex, String endpoint, JsonResponses.Body body) throws IOException {
        JsonResponses.send(ex, 200, body);
        return Outcome.success(endpoint, 1);
    }

    private static DeferredResponse deferred(Exchange ex, int status) {
        return new DeferredResponse(length -> {
            ex.responseHeader("Content-Type", JsonResponses.CONTENT_TYPE);
            return ex.respond(status, length);
        }, CimXmlHandler.COMMIT_THRESHOLD);
    }

    private static Outcome error(Exchange ex, int status, String endpoint, CimException e) throws IOException {
        JsonResponses.error(ex, status, e);
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
