package org.replprov.engines.syncthing.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Bounded, typed reading of Syncthing's answers: malformed input is a typed error that says where. */
class JsonTest {

    private static Json.Node parse(String json) throws Json.Malformed {
        return Json.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aSyntaxErrorNamesTheByteOffsetLineAndColumn() {
        assertThatThrownBy(() -> parse("{\"myID\": \"X\",\n \"uptime\": 12,, }"))
                .isInstanceOf(Json.Malformed.class)
                .hasMessageContaining("at byte 28").hasMessageContaining("line 2, column 15");
    }

    @Test
    void nestingAndTrailingDataAreBounded() {
        assertThatThrownBy(() -> parse("[".repeat(Json.MAX_DEPTH + 1) + "]".repeat(Json.MAX_DEPTH + 1)))
                .isInstanceOf(Json.Malformed.class).hasMessageContaining("depth");
        assertThatThrownBy(() -> parse("{} {}")).isInstanceOf(Json.Malformed.class).hasMessageContaining("at byte");
        assertThatThrownBy(() -> parse("")).isInstanceOf(Json.Malformed.class).hasMessageContaining("empty");
    }

    @Test
    void aMissingOrMistypedMemberNamesItsPointer() {
        assertThatThrownBy(() -> SystemStatus.from(parse("{\"myID\":\"X\",\"startTime\":\"2024-01-01T00:00:00Z\"}")))
                .hasMessage("at /: member \"uptime\" is missing");
        assertThatThrownBy(() -> Connection.from(parse("{\"connections\":{\"D\":{\"connected\":\"yes\"}}}"), "L"))
                .hasMessage("at /connections/D/connected: expected true or false, found string");
        assertThatThrownBy(() -> FolderStatus.from(parse("{\"state\":\"dancing\"}")))
                .hasMessageContaining("/state").hasMessageContaining("unknown folder state \"dancing\"");
        assertThatThrownBy(() -> SystemStatus.from(parse(
                "{\"myID\":\"X\",\"uptime\":1,\"startTime\":\"yesterday\"}")))
                .hasMessage("at /startTime: not an RFC 3339 time: yesterday");
    }

    @Test
    void timesInAnyOffsetAndNeverRead() throws Exception {
        Json.Node n = parse("{\"a\":\"2026-12-06T03:58:20.123456789+01:00\",\"zero\":\"0001-01-01T00:00:00Z\","
                + "\"epoch\":\"1970-01-01T00:00:00Z\"}");
        assertThat(n.time("a")).hasValue(java.time.Instant.parse("2026-12-06T02:58:20.123456789Z"));
        assertThat(n.time("zero")).isEmpty();
        assertThat(n.time("epoch")).isEmpty();
    }

    @Test
    void goNilListsReadAsEmpty() throws Exception {
        assertThat(NeedList.from(parse("{\"progress\":null,\"queued\":[],\"rest\":null}")))
                .isEqualTo(new NeedList(java.util.List.of(), java.util.List.of(), java.util.List.of()));
        assertThat(FileError.list(parse("null"))).isEmpty();
    }

    @Test
    void configSavedDataIsNotKept() throws Exception {
        Event e = Event.from(parse("{\"id\":5,\"globalID\":9,\"time\":\"2026-12-06T02:58:20Z\",\"type\":\"ConfigSaved\","
                + "\"data\":{\"gui\":{\"apiKey\":\"secret\"}}}"));
        assertThat(e.data()).isEqualTo(new Event.Other());
        assertThat(e.toString()).doesNotContain("secret");
    }

    @Test
    void engineMessagesAreBoundedAndPrintable() {
        assertThat(SyncthingException.printable("  bad\r\n\u0000x\u009b\u2028 ", 100)).isEqualTo("bad\\r\\n\\u0000x\\u009b");
        assertThat(SyncthingException.printable("x".repeat(600), 512)).hasSize(513).endsWith("…");
    }
}
