package org.replprov.drsr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Mutation fuzzing of the {@code replUpToDateVector} decoder with a fixed seed: 60 000 damaged values (bit flips,
 * byte overwrites, truncations, extensions, insertions and deletions, and the version and count overwritten with
 * boundary values) from the worked example and random encodings. Each must either raise
 * {@link MalformedBlobException}, naming a field at an offset inside the input, or decode into a value that
 * re-encodes to exactly the same bytes and prints.
 */
class UpToDateVectorFuzzTest {

    private static final int MUTATIONS = 60_000;
    private static final long SEED = 0x5EED_07D7L;

    private static final int[] BOUNDARIES = {0, 1, 2, 3, 0x7F, 0xFF, 0x100, 0xFFFF, 1_048_575, 1_048_576,
            1_048_577, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFE, 0xFFFFFFFF};

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
                ReplUpToDateVector value = ReplUpToDateVectorCodec.decode(input);
                accepted++;
                byte[] again = ReplUpToDateVectorCodec.encode(value);
                if (!Arrays.equals(again, input)) {
                    fail("decoded but re-encoded differently:\n  in:  %s\n  out: %s", hex(input), hex(again));
                }
                UpToDateVectorDump.dump(value);
                RepsJson.toJson(value);
            } catch (MalformedBlobException e) {
                rejected++;
                assertThat(e.getMessage()).startsWith(e.field()).endsWith(" at offset " + Hex.offset(e.offset()));
                assertThat(e.offset()).isBetween(0, input.length);
            } catch (RuntimeException | Error e) {
                throw new AssertionError("unexpected " + e + " for input " + hex(input), e);
            }
        }
        // Both outcomes must be common, or the mutations are not exercising the decoder.
        assertThat(accepted).isGreaterThan(MUTATIONS / 20);
        assertThat(rejected).isGreaterThan(MUTATIONS / 2);
    }

    private static List<byte[]> corpus(Random rnd) {
        List<byte[]> corpus = new ArrayList<>();
        corpus.add(Bytes.fromHex(UpToDateVectorCodecTest.EXAMPLE).toArray());
        for (int i = 0; i < 40; i++) {
            int version = 1 + rnd.nextInt(2);
            List<UpToDateCursor> cursors = new ArrayList<>();
            for (int n = rnd.nextInt(6); n > 0; n--) {
                UUID id = new UUID(rnd.nextLong(), rnd.nextLong());
                cursors.add(version == 1 ? UpToDateCursor.v1(id, rnd.nextLong())
                        : new UpToDateCursor(id, rnd.nextLong(), new NtTime(rnd.nextLong())));
            }
            corpus.add(ReplUpToDateVectorCodec.encode(new ReplUpToDateVector(version, 0, 0, cursors)));
        }
        return corpus;
    }

    private static byte[] mutate(byte[] base, Random rnd) {
        byte[] b = base.clone();
        switch (rnd.nextInt(6)) {
            case 0 -> { // flip a few bits
                for (int n = 1 + rnd.nextInt(4); n > 0 && b.length > 0; n--) {
                    b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
                }
            }
            case 1 -> b = Arrays.copyOf(b, rnd.nextInt(b.length + 1)); // truncate
            case 2 -> { // extend with zeros or noise
                int extra = 1 + rnd.nextInt(rnd.nextBoolean() ? 8 : 64);
                byte[] longer = Arrays.copyOf(b, b.length + extra);
                if (rnd.nextBoolean()) {
                    for (int i = b.length; i < longer.length; i++) {
                        longer[i] = (byte) rnd.nextInt(256);
                    }
                }
                b = longer;
            }
            case 3 -> { // insert or delete one byte
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
            default -> { // the version or the count, the fields that decide the framing
                int at = rnd.nextBoolean() ? 0 : 8;
                int value = rnd.nextBoolean() ? BOUNDARIES[rnd.nextInt(BOUNDARIES.length)] : rnd.nextInt(8);
                for (int i = 0; i < 4 && at + i < b.length; i++) {
                    b[at + i] = (byte) (value >>> (8 * i));
                }
            }
        }
        return b;
    }

    private static String hex(byte[] b) {
        return Bytes.of(b).toHex();
    }
}
