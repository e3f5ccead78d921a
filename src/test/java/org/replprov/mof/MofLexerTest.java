package org.replprov.mof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.replprov.mof.MofToken.Kind;

/** The lexical rules of DSP0004 ANNEX A, one token at a time. */
class MofLexerTest {

    private static List<MofToken> tokens(String text) {
        MofLexer lexer = new MofLexer("t.mof", text);
        List<MofToken> out = new ArrayList<>();
        for (MofToken t = lexer.next(); !t.is(Kind.EOF); t = lexer.next()) {
            out.add(t);
        }
        return out;
    }

    private static MofToken single(String text) {
        List<MofToken> all = tokens(text);
        assertThat(all).as(text).hasSize(1);
        return all.get(0);
    }

    @Test
    void splitsADeclarationIntoTokensWithPositions() {
        List<MofToken> t = tokens("[Key]\r\n\tstring Id = \"x\"; // done\n$a #pragma");
        assertThat(t).extracting(MofToken::kind).containsExactly(Kind.LBRACKET, Kind.IDENTIFIER, Kind.RBRACKET,
                Kind.IDENTIFIER, Kind.IDENTIFIER, Kind.EQUALS, Kind.STRING, Kind.SEMICOLON, Kind.ALIAS, Kind.PRAGMA);
        assertThat(t.get(3).location()).isEqualTo(new SourceLocation("t.mof", 2, 2));
        assertThat(t.get(6).text()).isEqualTo("x");
        assertThat(t.get(8).text()).isEqualTo("a");
        assertThat(t.get(8).location()).isEqualTo(new SourceLocation("t.mof", 3, 1));
    }

    @Test
    void countsLinesAfterLoneCarriageReturnsAndInsideComments() {
        List<MofToken> t = tokens("a\rb\n/* x\r\n y */ c");
        assertThat(t).extracting(tok -> tok.location().line()).containsExactly(1, 2, 4);
        assertThat(t.get(2).location().column()).isEqualTo(7);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
            "0, 0", "-0, 0", "+42, 42", "1234, 1234", "-7, -7",
            "0x1F, 31", "0X1f, 31", "-0x10, -16",
            "101b, 5", "-101B, -5", "0b, 0",
            "0777, 511", "-017, -15", "00, 0",
            "18446744073709551615, 18446744073709551615"})
    void readsIntegersInEveryForm(String literal, String value) {
        MofToken t = single(literal);
        assertThat(t.kind()).isEqualTo(Kind.INTEGER);
        assertThat(t.integerValue()).isEqualTo(new BigInteger(value));
    }

    @ParameterizedTest
    @CsvSource({"1.5", "-0.25", ".5", "+3.0e10", "1.0E-3", "-.5e+2"})
    void readsReals(String literal) {
        MofToken t = single(literal);
        assertThat(t.kind()).isEqualTo(Kind.REAL);
        assertThat(t.text()).isEqualTo(literal);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "12ab | malformed number '12ab'",
            "0x | malformed number '0x'",
            "1. | malformed number '1.'",
            "1.2.3 | malformed number '1.2.3'",
            "1e5 | malformed number '1e5'",
            "1.5e | malformed number '1.5e'",
            "089 | '089' is not an octal number",
            "@ | unexpected character '@'",
            "$ | '$' must start an alias",
            "#include | '#' must start '#pragma'",
            "/* open | unterminated comment",
            "\"open | unterminated string",
            "\"\\q\" | unknown escape sequence"})
    void refusesWhatIsNotMof(String text, String message) {
        assertThatThrownBy(() -> tokens(text)).isInstanceOf(MofParseException.class)
                .satisfies(e -> assertThat(((MofParseException) e).reason()).contains(message));
    }

    @Test
    void aCharacterLiteralHoldsOneCharacter() {
        for (String text : new String[] {"''", "'ab'", "'a", "'\n"}) {
            assertThatThrownBy(() -> tokens(text)).as(text).isInstanceOf(MofParseException.class)
                    .hasMessageContaining("exactly one character");
        }
    }

    @Test
    void decodesEscapes() {
        assertThat(single("\"\\b\\t\\n\\f\\r\\\"\\'\\\\\"").text()).isEqualTo("\b\t\n\f\r\"'\\");
        assertThat(single("\"\\x41\\X0042\\x263Az\"").text()).isEqualTo("AB\u263Az");
        assertThat(single("\"\\x12345\"").text()).as("at most four hex digits").isEqualTo("\u12345");
        assertThat(single("'\\''").text()).isEqualTo("'");
        assertThat(single("'\\x41'").text()).isEqualTo("A");
    }

    @Test
    void boundsNamesAndStrings() {
        assertThat(single("a".repeat(255)).text()).hasSize(255);
        assertThatThrownBy(() -> tokens("a".repeat(256))).isInstanceOf(MofParseException.class)
                .hasMessageContaining("name longer than 255 characters");
        assertThatThrownBy(() -> tokens("\"" + "x".repeat(MofLexer.MAX_STRING_LENGTH + 1) + "\""))
                .isInstanceOf(MofParseException.class).hasMessageContaining("string longer than");
    }

    @Test
    void keywordsAreIdentifiersComparedIgnoringCase() {
        MofToken t = single("CLASS");
        assertThat(t.kind()).isEqualTo(Kind.IDENTIFIER);
        assertThat(t.isKeyword("class")).isTrue();
        assertThat(t.text()).isEqualTo("CLASS");
    }
}
