package org.replprov.engines.embedded.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.replprov.engines.embedded.transport.TransportException.Reason;

/** What only file:// has: links and special files on the upstream side, and a root that is missing or a file. */
class FileTransportTest {

    @TempDir
    Path dir;

    @Test
    void symbolicLinksAreNotReplicated() throws Exception {
        Files.writeString(dir.resolve("a.txt"), "alpha");
        Files.createSymbolicLink(dir.resolve("link-to-a"), dir.resolve("a.txt"));
        Files.createSymbolicLink(dir.resolve("link-to-outside"), Path.of("/etc"));
        try (Transport t = new FileTransport(dir)) {
            assertThat(t.list("")).extracting(Entry::path).containsExactly("a.txt");
            assertThat(t.stat("link-to-a")).isEmpty();
        }
    }

    @Test
    void aMissingRootOrAFileAsRootIsNotFound() throws Exception {
        Files.writeString(dir.resolve("file"), "x");
        for (Path root : new Path[] {dir.resolve("missing"), dir.resolve("file")}) {
            try (Transport t = new FileTransport(root)) {
                assertThatThrownBy(t::probe).isInstanceOfSatisfying(TransportException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
            }
        }
    }

    @Test
    void pathsCannotLeaveTheRoot() {
        try (Transport t = new FileTransport(dir)) {
            assertThatThrownBy(() -> t.stat("../etc")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> t.read("a/../../x", 0)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
