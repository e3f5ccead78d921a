package org.replprov.drsr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Mutation fuzzing of the decoder: from the valid vectors and random encodings, 120 000 damaged values (bit flips,
 * byte overwrites, truncations, extensions, insertions and deletions, and length/offset fields overwritten with
 * boundary values). Each must either raise {@link MalformedBlobException} (and nothing else) or decode into a
 * value that re-encodes to exactly the same bytes and converts to a {@link RepsTo} and a {@link RepsFrom}; a sample
 * is also printed. The corpus holds repsTo and repsFrom values (every field set) of both versions and layouts. A
 * failing input is reported as hex, ready to become a {@code fuzzed-<n>.hex} vector.
 */
class RepsFromToFuzzTest {

    private static final int MUTATIONS = 120_000;
    private static final long SEED = 0x5EED_0DA7AL;
    private static final int PRINT_EVERY = 8;

    /** Values that sit on the edges of the codec's checks. */
    private static final int[] BOUNDARIES = {0, 1, 2, 3, 4, 5, 0x13, 0x14, 0x15, 0x18, 0x7F, 0xCF, 0xD0, 0xD4, 0xD7,
            0xD8, 0xD9, 0xFF, 0x100, 0x101, 0xFFFF, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFE, 0xFFFFFFFF};

    @Test
    void damagedValuesOnlyEverRaiseMalformedBlobException() {
        Random rnd = new Random(SEED);
        List<byte[]> corpus = corpus(rnd);
        int accepted = 0;
        int rejected = 0;
        for (int i = 0; i < MUTATIONS; i++) {
            byte[] input = mutate(corpus.get(rnd.nextInt(corpus.size())), rnd);
            if (rnd.nextInt(4) == 0) {
                input = mutate(input, rnd);
            }
            try {
                RepsFromToBlob value = RepsFromToCodec.decode(input);
                accepted++;
                byte[] again = RepsFromToCodec.encode(value);
                if (!Arrays.equals(again, input)) {
                    fail("decoded but re-encoded differently:\n  in:  %s\n  out: %s", hex(input), hex(again));
                }
                RepsTo.from(value);
                RepsFrom.from(value);
                if (accepted % PRINT_EVERY == 0) { // printing costs more than decoding; a sample shows it copes
                    RepsDump.dump(value);
                    RepsJson.toJson(value);
                }
            } catch (MalformedBlobException e) {
                rejected++;
                assertThat(e.getMessage()).startsWith(e.field()).endsWith(" at offset " + Hex.offset(e.offset()));
                // A field the blob is too short to hold is still named at its own offset.
                assertThat(e.offset()).isBetween(0, Math.max(input.length, WireOffsets.CB_PAS_DATA_OFFSET));
            } catch (RuntimeException | Error e) {
                throw new AssertionError("unexpected " + e + " for input " + hex(input), e);
            }
        }
        // Both outcomes must be common, or the mutations are not exercising the decoder.
        assertThat(accepted).isGreaterThan(MUTATIONS / 50);
        assertThat(rejected).isGreaterThan(MUTATIONS / 2);
    }

    private static List<byte[]> corpus(Random rnd) {
        List<byte[]> corpus = new ArrayList<>();
        HexVector.valid().forEach(v -> corpus.add(v.bytes()));
        for (int i = 0; i < 40; i++) {
            RepsTo value = RandomRepsTo.next(rnd);
            RepsFrom from = RandomRepsFrom.next(rnd);
            for (Layout layout : Layout.values()) {
                corpus.add(RepsFromToCodec.encode(value.toBlob(2, layout)));
                corpus.add(RepsFromToCodec.encode(from.toBlob(2, layout)));
                corpus.add(RepsFromToCodec.encode(value.toBlob(1, layout)));
                corpus.add(RepsFromToCodec.encode(from.toBlob(1, layout)));
            }
        }
        return corpus;
    }

    private static byte[] mutate(byte[] base, Random rnd) {
        byte[] b = base.clone();
        switch (rnd.nextInt(7)) {
            case 0 -> { // flip a few bits
                for (int n = 1 + rnd.nextInt(4); n > 0 && b.length > 0; n--) {
                    b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
                }
            }
            case 1 -> { // overwrite a byte
                if (b.length > 0) {
                    b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
                }
            }
            case 2 -> b = Arrays.copyOf(b, rnd.nextInt(b.length + 1)); // truncate
            case 3 -> { // extend with zeros or noise
                int extra = 1 + rnd.nextInt(64);
                byte[] longer = Arrays.copyOf(b, b.length + extra);
                if (rnd.nextBoolean()) {
                    for (int i = b.length; i < longer.length; i++) {
                        longer[i] = (byte) rnd.nextInt(256);
                    }
                }
                b = longer;
            }
            case 4 -> { // insert or delete one byte
                int at = rnd.nextInt(b.length + 1);
                byte[] other = rnd.nextBoolean() || at == b.length ? new byte[b.length + 1] : new byte[b.length - 1];
                System.arraycopy(b, 0, other, 0, at);
                if (other.length > b.length) {
                    other[at] = (byte) rnd.nextInt(256);
                    System.arraycopy(b, at, other, at + 1, b.length - at);
                } else {
                    System.arraycopy(b, at + 1, other, at, b.length - at - 1);
                }
                b = other;
            }
            default -> overwriteLengthField(b, rnd); // the likeliest spots for a decoder bug
        }
        return b;
    }

    /** Overwrites cb, cbOtherDraOffset, cbOtherDra or a field of the address with a boundary or random value. */
    private static void overwriteLengthField(byte[] b, Random rnd) {
        int address = b.length >= 0x28 ? (b[0x24] & 0xFF) | (b[0x25] & 0xFF) << 8 : 0;
        int[] spots = {0x08, 0x24, 0x28, 0xD0, 0xD4, address, address + 4, address + 8, address + 12, address + 16};
        int at = spots[rnd.nextInt(spots.length)];
        int value = switch (rnd.nextInt(3)) {
            case 0 -> BOUNDARIES[rnd.nextInt(BOUNDARIES.length)];
            case 1 -> b.length + rnd.nextInt(9) - 4;
            default -> rnd.nextInt();
        };
        for (int i = 0; i < 4 && at + i < b.length; i++) {
            b[at + i] = (byte) (value >>> (8 * i));
        }
    }

    private static String hex(byte[] b) {
        return Bytes.of(b).toHex();
    }
}
