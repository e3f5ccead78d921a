package org.replprov.mof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.replprov.testing.Vectors;

/**
 * Broken input of every kind ends in a {@link MofParseException} and nothing else: mutations of the vectors and the
 * shipped schema at byte, character and token level, with a fixed seed so that a failure repeats. Includes resolve
 * among the corpus files in memory, so a mutated {@code #pragma include} cannot reach the file system.
 */
class MofFuzzTest {

    private static final long SEED = 0x5EED_2024L;
    private static final int CASES = 6000;

    /** Lexemes of MOF: strings, characters, numbers, words, aliases, pragmas, punctuation. */
    private static final Pattern LEXEME = Pattern.compile(
            "\"(?:[^\"\\\\\\n]|\\\\.)*\"|'(?:[^'\\\\\\n]|\\\\.)*'|[-+]?[0-9.][0-9A-Za-z.]*|\\$?\\w+|#pragma|\\S");

    private static final String[] INSERTS = {
        "class ", "instance of ", "Qualifier ", "REF ", " as $a ", "$a", "[", "]", "{", "}", "(", ")", ";", ",", ":",
        "=", "\"", "'", "\\", "/*", "*/", "//", "\n", "#pragma include(\"cim-core.mof\")\n",
        "#pragma namespace(\"root/x\")\n", "#pragma include(\"self.mof\")\n", "NULL", "TRUE", "0x", "-", ".5",
        "18446744073709551616", "[Key]", "[Key(FALSE)]", ": DisableOverride", "uint8 ", "string ", "datetime ",
        "\"20240101000000.000000+000\"", "\"x.y=1\"", "{1, 2}", "\\x", "\uFEFF", "\u0000", "é", "\uD800"};

    @Test
    void onlyMofParseExceptionEscapes() {
        Map<String, byte[]> corpus = corpus();
        List<String> texts = corpus.values().stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
        Random random = new Random(SEED);
        int compiled = 0;
        for (int i = 0; i < CASES; i++) {
            byte[] input = mutate(random, texts);
            Map<String, byte[]> files = new HashMap<>(corpus);
            files.put("fuzz.mof", input);
            files.put("self.mof", input);
            try {
                MofCompiler.create().compile(memory(files), List.of("fuzz.mof"));
                compiled++;
            } catch (MofParseException e) {
                assertThat(e.getMessage()).startsWith(e.location().toString());
            } catch (RuntimeException | StackOverflowError e) {
                fail("case " + i + " threw " + e + " for input:\n" + new String(input, StandardCharsets.UTF_8), e);
            }
        }
        // Sanity: the mutations are mild enough that some inputs still compile.
        assertThat(compiled).isPositive();
    }

    private static byte[] mutate(Random random, List<String> texts) {
        String text = texts.get(random.nextInt(texts.size()));
        int rounds = 1 + random.nextInt(4);
        for (int r = 0; r < rounds; r++) {
            text = switch (random.nextInt(8)) {
                case 0 -> replaceChar(random, text);
                case 1 -> deleteRange(random, text);
                case 2 -> insert(random, text, INSERTS[random.nextInt(INSERTS.length)]);
                case 3 -> duplicateRange(random, text);
                case 4 -> text.substring(0, random.nextInt(text.length() + 1));
                case 5 -> splice(random, text, texts.get(random.nextInt(texts.size())));
                default -> mutateLexeme(random, text, texts);
            };
        }
        if (random.nextInt(50) == 0) {
            return rawBytes(random, text);
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String replaceChar(Random random, String text) {
        if (text.isEmpty()) {
            return text;
        }
        int at = random.nextInt(text.length());
        char c = "{}[]();:,=\"'\\/*#$0x.-+b9aZ_ \n\t".charAt(random.nextInt(30));
        return text.substring(0, at) + c + text.substring(at + 1);
    }

    private static String deleteRange(Random random, String text) {
        if (text.isEmpty()) {
            return text;
        }
        int from = random.nextInt(text.length());
        int to = Math.min(text.length(), from + 1 + random.nextInt(40));
        return text.substring(0, from) + text.substring(to);
    }

    private static String insert(Random random, String text, String what) {
        int at = random.nextInt(text.length() + 1);
        return text.substring(0, at) + what + text.substring(at);
    }

    private static String duplicateRange(Random random, String text) {
        if (text.isEmpty()) {
            return text;
        }
        int from = random.nextInt(text.length());
        int to = Math.min(text.length(), from + 1 + random.nextInt(200));
        return insert(random, text, text.substring(from, to));
    }

    private static String splice(Random random, String a, String b) {
        return a.substring(0, random.nextInt(a.length() + 1)) + b.substring(random.nextInt(b.length() + 1));
    }

    /** Replaces one lexeme by a lexeme of another corpus text (or drops it), which keeps the text nearly MOF. */
    private static String mutateLexeme(Random random, String text, List<String> texts) {
        List<int[]> spans = lexemes(text);
        String donorText = texts.get(random.nextInt(texts.size()));
        List<int[]> donors = lexemes(donorText);
        if (spans.isEmpty() || donors.isEmpty()) {
            return text;
        }
        int[] target = spans.get(random.nextInt(spans.size()));
        int[] donor = donors.get(random.nextInt(donors.size()));
        String replacement = random.nextInt(4) == 0 ? "" : donorText.substring(donor[0], donor[1]);
        return text.substring(0, target[0]) + replacement + text.substring(target[1]);
    }

    private static List<int[]> lexemes(String text) {
        List<int[]> spans = new ArrayList<>();
        Matcher m = LEXEME.matcher(text);
        while (m.find()) {
            spans.add(new int[] {m.start(), m.end()});
        }
        return spans;
    }

    private static byte[] rawBytes(Random random, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[bytes.length + 2];
        out[0] = (byte) 0xFF;
        out[1] = (byte) 0xFE; // a UTF-16LE mark before UTF-8 text
        System.arraycopy(bytes, 0, out, 2, bytes.length);
        if (random.nextBoolean() && bytes.length > 0) {
            bytes[random.nextInt(bytes.length)] = (byte) (0x80 + random.nextInt(0x80));
            return bytes;
        }
        return out;
    }

    /** The vectors and the shipped schema by base name, in name order so that the seed alone decides the cases. */
    private static Map<String, byte[]> corpus() {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> mof = Stream.concat(Files.walk(Vectors.dir("mof")), Files.list(Path.of("mof")))) {
            mof.filter(p -> p.toString().endsWith(".mof")).forEach(p -> {
                try {
                    files.put(p.getFileName().toString(), Files.readAllBytes(p));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** Files by base name, in memory; an include resolves to the base name of what it names. */
    private static SourceReader memory(Map<String, byte[]> files) {
        return new SourceReader() {
            @Override
            public String resolve(String from, String include) {
                return include.substring(Math.max(include.lastIndexOf('/'), include.lastIndexOf('\\')) + 1);
            }

            @Override
            public String key(String name) {
                return name;
            }

            @Override
            public byte[] read(String name) throws IOException {
                byte[] bytes = files.get(name);
                if (bytes == null) {
                    throw new NoSuchFileException(name);
                }
                return bytes;
            }
        };
    }
}
