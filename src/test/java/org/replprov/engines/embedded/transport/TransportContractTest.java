package org.replprov.engines.embedded.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.replprov.engines.embedded.transport.TransportException.Reason;
import org.replprov.testing.SambaServer;

/**
 * What every transport must do, checked on the same folder read directly (file://) and through a real smbd
 * (smb://, as guest and as a user, with signing required).
 */
class TransportContractTest {

    private static final Instant T1 = Instant.parse("2024-11-11T21:56:43.123Z");
    private static final Instant T2 = Instant.parse("2025-01-02T03:04:05.678Z");

    static Path base;
    static Path folder;
    static SambaServer smbd;

    @BeforeAll
    static void serveAFolder() throws Exception {
        base = Files.createTempDirectory("transport-contract");
        folder = Files.createDirectories(base.resolve("share/rf"));
        write(folder.resolve("a.txt"), "alpha", T1);
        Files.createDirectories(folder.resolve("sub/deeper"));
        write(folder.resolve("sub/b.bin"), "0123456789".repeat(1000), T2);
        write(folder.resolve("sub/deeper/name with space #1 %41.txt"), "odd name", T1);
        smbd = SambaServer.in(base.resolve("smbd")).share("share", base.resolve("share"))
                .global("server signing = mandatory").start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (smbd != null) {
            smbd.close();
        }
        try (Stream<Path> s = Files.walk(base)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static final SmbSettings USER = SmbSettings.DEFAULT.withCredentials(
            new SmbSettings.Credentials("", SambaServer.USER, SambaServer.PASSWORD)).withSigning(SmbSettings.Signing.REQUIRED);

    static Stream<Transport> transports() {
        return Stream.of(new FileTransport(folder),
                new SmbTransport(smbd.uri("share", "rf"), SmbSettings.DEFAULT),
                new SmbTransport(smbd.uri("share", "rf/"), USER));
    }

    /**
     * Every dialect from 2.0.2 to 3.1.1, each offered alone, so the session can only be that dialect; signed, as the
     * server demands (HMAC-SHA256 up to 2.1, AES-CMAC from 3.0, MS-SMB2 §3.1.4.1).
     */
    @ParameterizedTest
    @ValueSource(strings = {"SMB202", "SMB210", "SMB300", "SMB302", "SMB311"})
    void readsWithEveryDialectSigned(String dialect) throws Exception {
        try (Transport t = new SmbTransport(smbd.uri("share", "rf"), USER.withDialects(dialect, dialect))) {
            t.probe();
            assertThat(t.list("")).extracting(Entry::path).containsExactlyInAnyOrder("a.txt", "sub");
            try (InputStream in = t.read("sub/b.bin", 0)) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII))
                        .isEqualTo("0123456789".repeat(1000));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("transports")
    void listsOneDirectoryWithSizesAndTimes(Transport t) throws Exception {
        try (t) {
            t.probe();
            assertThat(t.list("")).containsExactlyInAnyOrder(
                    Entry.file("a.txt", 5, T1),
                    Entry.directory("sub", Files.getLastModifiedTime(folder.resolve("sub")).toInstant()));
            assertThat(t.list("sub")).extracting(Entry::path, Entry::size)
                    .containsExactlyInAnyOrder(tuple("sub/b.bin", 10_000L),
                            tuple("sub/deeper", 0L));
            assertThat(t.list("sub/deeper")).containsExactly(Entry.file("sub/deeper/name with space #1 %41.txt", 8, T1));
        }
    }

    @ParameterizedTest
    @MethodSource("transports")
    void readsFromAnOffsetAndStats(Transport t) throws Exception {
        try (t) {
            assertThat(t.stat("sub/b.bin")).contains(Entry.file("sub/b.bin", 10_000, T2));
            assertThat(t.stat("missing.txt")).isEmpty();
            try (InputStream in = t.read("sub/b.bin", 9_995)) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("56789");
            }
            try (InputStream in = t.read("sub/deeper/name with space #1 %41.txt", 0)) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("odd name");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("transports")
    void aMissingFileOrDirectoryIsNotFound(Transport t) {
        try (t) {
            assertThatThrownBy(() -> t.list("no-such-dir"))
                    .isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
            assertThatThrownBy(() -> t.read("no-such-file", 0).close())
                    .isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
        }
    }

    private static void write(Path file, String content, Instant mtime) throws Exception {
        Files.writeString(file, content, StandardCharsets.US_ASCII);
        Files.setLastModifiedTime(file, FileTime.from(mtime));
    }
}
