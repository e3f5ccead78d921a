package org.replprov.engines.windows.wmio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.replprov.cim.CimClass;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimName;
import org.replprov.mof.MofCompiler;
import org.replprov.repository.ClassRepository;

/**
 * Mutation fuzzing of the decoder, with a fixed seed: from the specification's examples and our encodings of the
 * shipped DFSR class (with its methods) and instances, 20 000 damaged encodings (bit flips, octets overwritten,
 * truncations, extensions, insertions, deletions, and 32-bit fields overwritten with boundary values), decoded in
 * all three forms. Each must either raise {@link WmioFormatException} (and nothing else) naming an offset inside
 * the input, or decode into an object that encodes, decodes again to the same object, and converts to the CIM
 * model. A failing input is reported as hex.
 */
class WmioFuzzTest {

    private static final int MUTATIONS = 20_000;
    private static final long SEED = 0x5EED_3710L;
    private static final int[] BOUNDARIES = {0, 1, 2, 3, 4, 5, 0x0C, 0x1D, 0x7F, 0xFF, 0x100, 0xFFFF, 0x10000,
            0x7FFFFFFF, 0x80000000, 0x80000001, 0x8000000A, 0x8000000B, 0xFFFFFFFE, 0xFFFFFFFF};

    private final WmioCodec codec = new WmioCodec(new WmioLimits(1 << 20, 512, 64, 256, 16, 4096, 4096, 4, 4));

    @Test
    void damagedEncodingsOnlyEverRaiseWmioFormatException() throws Exception {
        Random rnd = new Random(SEED);
        List<byte[]> units = corpus();
        ClassDefinition cached = ((WmioInstance) codec.decodeEncodingUnit(units.get(1)).object()).currentClass();
        byte[] noClass = codec.encodeInstanceNoClass(codec.decodeEncodingUnit(units.get(1)));
        int accepted = 0;
        int rejected = 0;
        for (int i = 0; i < MUTATIONS; i++) {
            int form = rnd.nextInt(3);
            byte[] base = form == 2 ? noClass : units.get(rnd.nextInt(units.size()));
            byte[] input = mutate(form == 1 ? Arrays.copyOfRange(base, 8, base.length) : base, rnd);
            if (rnd.nextInt(4) == 0) {
                input = mutate(input, rnd);
            }
            try {
                ObjectBlock block = switch (form) {
                    case 0 -> codec.decodeEncodingUnit(input);
                    case 1 -> codec.decodeObjectBlock(input);
                    default -> codec.decodeInstanceNoClass(input, cached);
                };
                accepted++;
                ObjectBlock again = codec.decodeEncodingUnit(codec.encodeEncodingUnit(block));
                if (!again.equals(block)) {
                    fail("decoded, but re-encoded to something else: %s", WmioVectors.hex(input));
                }
                if (block.object() instanceof WmioInstance instance) {
                    WmioCim.toCimInstance(instance);
                } else {
                    WmioCim.toCimClass((WmioClass) block.object());
                }
            } catch (WmioFormatException e) {
                rejected++;
                assertThat(e.offset()).as(e.getMessage()).isBetween(0, input.length);
                assertThat(e.getMessage()).endsWith(String.format(" at offset 0x%X", e.offset()));
            } catch (RuntimeException | Error e) {
                throw new AssertionError("unexpected " + e + " for form " + form + " input "
                        + WmioVectors.hex(input), e);
            }
        }
        // Both outcomes must be common, or the mutations are not exercising the decoder.
        assertThat(accepted).isGreaterThan(MUTATIONS / 50);
        assertThat(rejected).isGreaterThan(MUTATIONS / 4);
    }

    private List<byte[]> corpus() {
        List<byte[]> corpus = new ArrayList<>();
        corpus.add(WmioVectors.read("myclass-class"));
        corpus.add(WmioVectors.read("myclass-instance"));
        corpus.add(WmioVectors.read("base-class"));
        ClassRepository repo = MofCompiler.extendingShippedSchema().compile(Path.of(System.getProperty("basedir", "."),
                "src/test/resources/cli/query/connections.mof"));
        CimClass dfsr = repo.requireClass(MofCompiler.SHIPPED_NAMESPACE, CimName.of("DfsrConnectionInfo"));
        Decoration from = new Decoration("SRV-A", "root\\MicrosoftDfs");
        corpus.add(codec.encodeEncodingUnit(ObjectBlock.of(from, WmioCim.toWmioClass(dfsr))));
        for (CimInstance instance : repo.instances(MofCompiler.SHIPPED_NAMESPACE)) {
            corpus.add(codec.encodeEncodingUnit(WmioCim.toObjectBlock(instance, null)));
        }
        return corpus;
    }

    private static byte[] mutate(byte[] in, Random rnd) {
        if (in.length == 0) {
            return new byte[] {(byte) rnd.nextInt(256)};
        }
        byte[] b = in.clone();
        switch (rnd.nextInt(7)) {
            case 0 -> {
                int at = rnd.nextInt(b.length);
                b[at] ^= (byte) (1 << rnd.nextInt(8));
            }
            case 1 -> b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
            case 2 -> b = Arrays.copyOf(b, rnd.nextInt(b.length));
            case 3 -> {
                b = Arrays.copyOf(b, b.length + 1 + rnd.nextInt(16));
                for (int i = in.length; i < b.length; i++) {
                    b[i] = (byte) rnd.nextInt(256);
                }
            }
            case 4 -> {
                int at = rnd.nextInt(b.length + 1);
                byte[] out = new byte[b.length + 1];
                System.arraycopy(b, 0, out, 0, at);
                out[at] = (byte) rnd.nextInt(256);
                System.arraycopy(b, at, out, at + 1, b.length - at);
                b = out;
            }
            case 5 -> {
                int at = rnd.nextInt(b.length);
                byte[] out = new byte[b.length - 1];
                System.arraycopy(b, 0, out, 0, at);
                System.arraycopy(b, at + 1, out, at, b.length - at - 1);
                b = out;
            }
            default -> {
                if (b.length >= 4) {
                    int at = rnd.nextInt(b.length - 3);
                    int v = BOUNDARIES[rnd.nextInt(BOUNDARIES.length)];
                    for (int i = 0; i < 4; i++) {
                        b[at + i] = (byte) (v >>> (8 * i));
                    }
                }
            }
        }
        return b;
    }
}
