package org.replprov.protocol.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import org.replprov.cim.CimClass;
import org.replprov.cim.CimException;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimMethod;
import org.replprov.operation.EnumerationContexts;
import org.replprov.operation.Operation;
import org.replprov.operation.OperationService;
import org.replprov.operation.PropertyList;
import org.replprov.operation.ResultEncoder;
import org.replprov.protocol.DeferredResponse;
import org.replprov.provider.spi.MethodResult;

/**
 * Writes the answer to one JSON API request (docs/api.md): instances as {@code {"namespace": …, "instances": […]}},
 * one instance, a class or a class list, a method's result; errors as the JSON error object with the HTTP status
 * {@link CimJson#httpStatus} chooses.
 *
 * <p>The answer goes through a {@link DeferredResponse}, so that an error raised while the first 64 KiB are written
 * replaces them with an error object; after that it can only abort the response. The JSON API has no pull
 * operations: the service never hands this encoder a page, a count or a closed enumeration.
 */
public final class JsonEncoder implements ResultEncoder {

    /** Responses up to this size are sent with a Content-Length; larger ones stream chunked. */
    public static final int COMMIT_THRESHOLD = 64 * 1024;

    private static final JsonFactory JSON = new JsonFactory();

    /** How the transport starts the response: {@code application/json} with this status and length (-1: chunked). */
    @FunctionalInterface
    public interface Transport {
        OutputStream respond(int status, long contentLength) throws IOException;
    }

    private final Transport transport;
    private final DeferredResponse out;
    private JsonGenerator g;
    private String streamNamespace;
    private PropertyList streamProperties;

    public JsonEncoder(Transport transport) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.out = new DeferredResponse(length -> transport.respond(200, length), COMMIT_THRESHOLD);
    }

    private JsonGenerator generator() throws IOException {
        if (g == null) {
            // The generator must not close the response: on an error the body is rewound and replaced.
            g = JSON.createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        }
        return g;
    }

    /** GetClass: the class; EnumerateClasses: {@code {"namespace": …, "classes": [{"name", "superClass"}…]}}. */
    @Override
    public void classes(Operation op, List<CimClass> classes) throws IOException {
        JsonGenerator g = generator();
        if (op instanceof Operation.GetClass) {
            CimJson.cimClass(g, classes.get(0));
            return;
        }
        g.writeStartObject();
        g.writeStringField("namespace", op.namespace());
        g.writeArrayFieldStart("classes");
        for (CimClass c : classes) {
            g.writeStartObject();
            g.writeStringField("name", c.name().toString());
            g.writeStringField("superClass", c.superClass().map(s -> s.name().toString()).orElse(null));
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    @Override
    public void instance(Operation.GetInstance op, CimInstance instance) throws IOException {
        CimJson.instance(generator(), op.namespace(), instance, op.propertyList());
    }

    @Override
    public void startInstances(Operation op, CimClass shallow) throws IOException {
        streamNamespace = op.namespace();
        streamProperties = op instanceof Operation.EnumerateInstances e ? e.propertyList() : PropertyList.ALL;
        JsonGenerator g = generator();
        g.writeStartObject();
        g.writeStringField("namespace", streamNamespace);
        g.writeArrayFieldStart("instances");
    }

    @Override
    public void streamed(CimInstance instance) {
        try {
            CimJson.instance(g, streamNamespace, instance, streamProperties);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void endInstances() throws IOException {
        g.writeEndArray();
        g.writeEndObject();
    }

    @Override
    public void methodResult(Operation.InvokeMethod op, CimMethod method, MethodResult result) throws IOException {
        CimJson.methodResult(generator(), result);
    }

    @Override
    public void page(Operation op, EnumerationContexts.Page<OperationService.OpenEnumeration> page) {
        throw new IllegalStateException("the JSON API has no pull operations");
    }

    @Override
    public void count(Operation.EnumerationCount op, long remaining) {
        throw new IllegalStateException("the JSON API has no pull operations");
    }

    @Override
    public void closed(Operation.CloseEnumeration op) {
        throw new IllegalStateException("the JSON API has no pull operations");
    }

    @Override
    public void finish() throws IOException {
        if (g != null) {
            g.close();
        }
        out.close();
    }

    @Override
    public boolean rewind() {
        g = null;
        return out.rewind();
    }

    @Override
    public void error(Operation op, CimException e) throws IOException {
        error(transport, CimJson.httpStatus(e.status()), e);
    }

    @Override
    public void denied(Operation op, CimException e) throws IOException {
        error(transport, 403, e);
    }

    /** The JSON error object for {@code e} ({@link CimJson#error}) with the given HTTP status. */
    public static void error(Transport transport, int status, CimException e) throws IOException {
        try (DeferredResponse body = new DeferredResponse(length -> transport.respond(status, length),
                COMMIT_THRESHOLD); JsonGenerator g = JSON.createGenerator(body)) {
            CimJson.error(g, e);
        }
    }
}
