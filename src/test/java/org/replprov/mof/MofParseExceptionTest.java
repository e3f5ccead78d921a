package org.replprov.mof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

/** The error format: {@code file:line:col: message}, the source line, a caret under the column. */
class MofParseExceptionTest {

    @Test
    void pointsAtTheColumnUnderTheSourceLine() {
        MofParseException e = new MofParseException(new SourceLocation("a.mof", 3, 5), "unknown qualifier Kee",
                "    [Kee] string Id;");
        assertThat(e.getMessage()).isEqualTo("""
                a.mof:3:5: unknown qualifier Kee
                    [Kee] string Id;
                    ^""");
    }

    @Test
    void keepsTabsSoThatTheCaretLinesUp() {
        MofParseException e = new MofParseException(new SourceLocation("a.mof", 1, 4), "here", "\t\tx y");
        assertThat(e.getMessage()).isEqualTo("a.mof:1:4: here\n\t\tx y\n\t\t ^");
    }

    @Test
    void showsAWindowOfALongLine() {
        String line = "a".repeat(500) + "X" + "b".repeat(500);
        MofParseException e = new MofParseException(new SourceLocation("a.mof", 1, 501), "at X", line);
        String[] lines = e.getMessage().split("\n");
        assertThat(lines[1]).startsWith("…").endsWith("…").contains("X");
        assertThat(lines[1].length()).isLessThanOrEqualTo(MofParseException.MAX_SHOWN_LINE + 2);
        assertThat(lines[1].charAt(lines[2].length() - 1)).isEqualTo('X');
    }

    @Test
    void aWholeFileProblemHasNoSourceLine() {
        MofParseException e = new MofParseException(SourceLocation.startOf("gone.mof"), "cannot read gone.mof", "");
        assertThat(e.getMessage()).isEqualTo("gone.mof:1:1: cannot read gone.mof");
    }

    @Test
    void theCompilerFillsInTheSourceLine() {
        MofParseException e = catchThrowableOfType(
                () -> MofCompiler.create().compileText("x.mof", "class A\n{\n    uint32 N = \"s\";\n};\n"),
                MofParseException.class);
        assertThat(e.getMessage()).isEqualTo("""
                x.mof:3:16: type mismatch: default value of property N is uint32, but the value is a string
                    uint32 N = "s";
                               ^""");
    }
}
