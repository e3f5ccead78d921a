package org.replprov.drsr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The one runner for {@code vectors/drsr/reps-to}. Per {@code <case>.hex}: it decodes, no bytes are left undescribed
 * beyond what the file declares, the {@link RepsDump} equals {@code <case>.dump.txt}, and encoding gives back the
 * same bytes. Per {@code fuzzed-<n>.hex}: decoding raises {@link MalformedBlobException} (nothing else) with exactly
 * the message in {@code fuzzed-<n>.error.txt}.
 */
class RepsVectorsTest {

    @TestFactory
    Stream<DynamicTest> vectors() {
        return HexVector.all().stream().map(v -> dynamicTest(v.name(), () -> {
            if (v.malformed()) {
                checkMalformed(v);
            } else {
                checkValid(v);
            }
        }));
    }

    private static void checkValid(HexVector v) throws MalformedBlobException {
        RepsFromToBlob value = RepsFromToCodec.decode(v.bytes());
        assertThat(value.opaque().length()).as("undescribed bytes (declare with '# unread-bytes: N')")
                .isEqualTo(v.unreadBytes());
        HexVector.golden(v.sibling(".dump.txt"), RepsDump.dump(value));
        assertThat(Bytes.of(RepsFromToCodec.encode(value))).as("encode(decode(x))").isEqualTo(Bytes.of(v.bytes()));
    }

    private static void checkMalformed(HexVector v) {
        Throwable thrown = catchThrowable(() -> RepsFromToCodec.decode(v.bytes()));
        assertThat(thrown).isExactlyInstanceOf(MalformedBlobException.class);
        HexVector.golden(v.sibling(".error.txt"), thrown.getMessage() + "\n");
    }

    @Test
    void everyGoldenFileHasItsVector() {
        assertThat(HexVector.orphans()).isEmpty();
    }

    @Test
    void theSetCoversBothVersionsBothLayoutsAndTheWorkedExamples() {
        assertThat(HexVector.valid()).extracting(HexVector::name)
                .contains("a-v1-samba", "a-v1-windows", "b-v2-windows", "b-v2-samba", "c-v1-samba-4.17-dc",
                        "empty-nadsa-v1-samba", "empty-nadsa-v1-windows", "empty-nadsa-v2");
    }
}
