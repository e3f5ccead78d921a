package org.replprov.wql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.replprov.cim.CimException;
import org.replprov.cim.WbemStatus;

/** {@link LikePattern} against WMI's rules, and against an independent translation to java.util.regex. */
class LikePatternTest {

    @ParameterizedTest(name = "''{1}'' LIKE ''{0}'' is {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "%|\"\"|true",
            "_|\"\"|false",
            "_|a|true",
            "a%b|axxb|true",
            "a%b|axxbc|false",
            "%a%a%a|aaaa|true",
            "[a-c]x|Bx|true",
            "[a=c]x|bx|true",
            "[^a-c]x|dx|true",
            "[^a-c]x|Cx|false",
            "[^]|^|true",
            "[_]|_|true",
            "[_]|a|false",
            "[%]%|%abc|true",
            "[[]|[|true",
            "[a-]|-|true",
            "[-a]|-|true",
            "]|]|true",
            "a\\b|a\\b|true",
            "ÄBC|äbc|true",
    })
    void matchesAsWmiDefines(String pattern, String value, boolean expected) {
        assertThat(LikePattern.compile(pattern).matches(value)).isEqualTo(expected);
    }

    @Test
    void refusesMalformedSets() {
        for (String bad : new String[] {"[", "[abc", "a[^", "[]", "[^]]x[", "[c-a]"}) {
            assertThatThrownBy(() -> LikePattern.compile(bad)).as(bad).isInstanceOfSatisfying(CimException.class,
                    e -> assertThat(e.status()).isEqualTo(WbemStatus.WBEM_E_INVALID_QUERY));
        }
    }

    @Test
    void agreesWithARegexTranslationOnGeneratedPatterns() {
        Random random = new Random(20240115);
        String alphabet = "abAB-=^%_[]x.\\";
        int checked = 0;
        for (int n = 0; n < 20_000; n++) {
            String pattern = randomString(random, alphabet, 8);
            LikePattern like;
            try {
                like = LikePattern.compile(pattern);
            } catch (CimException e) {
                continue;
            }
            Pattern regex = Pattern.compile(toRegex(pattern), Pattern.DOTALL | Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
            for (int k = 0; k < 20; k++) {
                String value = randomString(random, "abAB-=^%_[]x.\\", 10);
                assertThat(like.matches(value)).as("'%s' LIKE '%s'", value, pattern)
                        .isEqualTo(regex.matcher(value).matches());
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(100_000);
    }

    private static String randomString(Random random, String alphabet, int maxLength) {
        StringBuilder sb = new StringBuilder();
        for (int i = random.nextInt(maxLength + 1); i > 0; i--) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    /** The WMI SDK's LIKE rules, written independently as a regex. */
    private static String toRegex(String pattern) {
        StringBuilder re = new StringBuilder();
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == '%') {
                re.append(".*");
                i++;
            } else if (c == '_') {
                re.append('.');
                i++;
            } else if (c == '[' && pattern.startsWith("[^]", i)) {
                re.append("\\^");
                i += 3;
            } else if (c == '[') {
                int close = pattern.indexOf(']', i + 1);
                String body = pattern.substring(i + 1, close);
                re.append('[');
                int j = 0;
                if (body.startsWith("^")) {
                    re.append('^');
                    j = 1;
                }
                while (j < body.length()) {
                    char m = body.charAt(j);
                    if (m != '^' && j + 2 < body.length() && (body.charAt(j + 1) == '-' || body.charAt(j + 1) == '=')) {
                        re.append(quote(m)).append('-').append(quote(body.charAt(j + 2)));
                        j += 3;
                    } else {
                        re.append(quote(m));
                        j++;
                    }
                }
                re.append(']');
                i = close + 1;
            } else {
                re.append(quote(c));
                i++;
            }
        }
        return re.toString();
    }

    private static String quote(char c) {
        return String.format("\\x{%x}", (int) c);
    }
}
