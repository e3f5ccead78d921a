package org.replprov.drsr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.replprov.testing.PythonHelper;

/**
 * Samba's own NDR code for {@code repsFromToBlob} and {@code replUpToDateVectorBlob}, reached through one
 * long-lived {@link PythonHelper} running {@code drsr/samba_reps_ndr.py} (a test resource) with Debian's
 * python3-samba. A batch is written on a second thread while answers are read, so neither side can block the other on
 * a full pipe.
 */
final class SambaNdr implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final PythonHelper python;

    private SambaNdr(PythonHelper python) {
        this.python = python;
    }

    static SambaNdr start() {
        return new SambaNdr(PythonHelper.start("/drsr/samba_reps_ndr.py", "python3-samba",
                ProcessBuilder.Redirect.INHERIT));
    }

    static ObjectNode unpack(byte[] blob) {
        return MAPPER.createObjectNode().put("op", "unpack").put("hex", Bytes.of(blob).toHex());
    }

    static ObjectNode pack(JsonNode fields) {
        ObjectNode request = MAPPER.createObjectNode().put("op", "pack");
        request.set("fields", fields);
        return request;
    }

    static ObjectNode utdvUnpack(byte[] blob) {
        return MAPPER.createObjectNode().put("op", "utdv_unpack").put("hex", Bytes.of(blob).toHex());
    }

    static ObjectNode utdvPack(JsonNode fields) {
        ObjectNode request = MAPPER.createObjectNode().put("op", "utdv_pack");
        request.set("fields", fields);
        return request;
    }

    /** Sends every request and returns the answers in the same order. */
    List<JsonNode> ask(List<ObjectNode> batch) {
        CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
            batch.forEach(python::write);
            python.flush();
        });
        List<JsonNode> replies = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            JsonNode answer = python.read();
            if (answer == null) {
                throw new AssertionError("the Samba helper stopped after " + i + " of " + batch.size() + " answers");
            }
            replies.add(answer);
        }
        writing.join();
        return replies;
    }

    @Override
    public void close() {
        python.close();
    }
}
