package org.replprov.mof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.replprov.repository.ClassRepository;
import org.replprov.testing.Vectors;

/**
 * The MOF vectors: {@code mof/ok/<case>.mof} compiles, prints as {@code <case>.expected} and recompiles to equal
 * values; {@code mof/err/<case>.mof} fails where and as its first line says:
 * {@code // expect-error: [FILE:]LINE:COL message}, FILE relative to the vector's directory when the error lies in an
 * included file, and the message a part of the compiler's.
 */
class MofVectorTest {

    private static final Pattern EXPECT_ERROR = Pattern.compile("// expect-error: (?:(\\S+):)?(\\d+):(\\d+) (.+)");

    @TestFactory
    Stream<DynamicTest> ok() {
        return Vectors.each("mof/ok", ".mof", file -> {
            ClassRepository repository = MofCompiler.create().compile(file);
            Vectors.assertGolden(Vectors.sibling(file, ".expected"), MofWriter.write(repository));
            RoundTrip.assertEachClassRecompiles(repository);
            RoundTrip.assertRepositoryRecompiles(repository);
        });
    }

    @TestFactory
    Stream<DynamicTest> err() {
        return Vectors.each("mof/err", ".mof", file -> {
            String firstLine = Vectors.read(file).lines().findFirst().orElse("");
            Matcher expect = EXPECT_ERROR.matcher(firstLine);
            assertThat(expect.matches()).as("first line of %s: // expect-error: LINE:COL message", file).isTrue();
            Path expectedFile = expect.group(1) == null ? file : file.resolveSibling(expect.group(1)).normalize();

            MofParseException e = catchThrowableOfType(() -> MofCompiler.create().compile(file),
                    MofParseException.class);

            assertThat(e).as("%s compiles, but should fail", file).isNotNull();
            assertThat(e.location()).as(e.getMessage())
                    .isEqualTo(new SourceLocation(expectedFile.toString(), Integer.parseInt(expect.group(2)),
                            Integer.parseInt(expect.group(3))));
            assertThat(e.reason()).as(e.getMessage()).contains(expect.group(4));
            assertThat(e.getMessage()).startsWith(e.location() + ": " + e.reason());
        });
    }
}
