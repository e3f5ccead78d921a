package org.replprov.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.replprov.cim.CimException;
import org.replprov.protocol.json.CimJson;
import org.replprov.server.http.Exchange;
import org.replprov.server.http.Responses;

/** Complete JSON responses: a body written with a generator, or an error object. */
final class JsonResponses {

    static final JsonFactory JSON = new JsonFactory();
    static final String CONTENT_TYPE = "application/json";

    private JsonResponses() {
    }

    /** Something written with a generator. */
    @FunctionalInterface
    interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    static void send(Exchange ex, int status, Body body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(bytes)) {
            body.write(g);
        }
        Responses.bytes(ex, status, CONTENT_TYPE, bytes.toByteArray());
    }

    /** The JSON error object for {@code e} ({@link CimJson#error}) with the given HTTP status. */
    static void error(Exchange ex, int status, CimException e) throws IOException {
        send(ex, status, g -> CimJson.error(g, e));
    }
}
