package org.replprov.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class PasswordHashTest {

    @Test
    void roundTripsThroughItsTextForm() {
        PasswordHash h = PasswordHash.create("correct horse".toCharArray(), 10_000);
        PasswordHash parsed = PasswordHash.parse(h.toString());
        assertThat(parsed).isEqualTo(h);
        assertThat(parsed.matches("correct horse".toCharArray())).isTrue();
        assertThat(parsed.matches("correct horse ".toCharArray())).isFalse();
        assertThat(h.toString()).startsWith("pbkdf2-sha256:10000:");
        assertThat(PasswordHash.create("x".toCharArray(), 10_000)).isNotEqualTo(
                PasswordHash.create("x".toCharArray(), 10_000));
    }

    @Test
    void malformedTextSaysWhatIsWrong() {
        assertThatIllegalArgumentException().isThrownBy(() -> PasswordHash.parse("secret"))
                .withMessageContaining("pbkdf2-sha256:<iterations>:<salt>:<hash>");
        assertThatIllegalArgumentException().isThrownBy(() -> PasswordHash.parse("pbkdf2-sha256:many:AA==:AA=="))
                .withMessageContaining("not a number");
        assertThatIllegalArgumentException().isThrownBy(() -> PasswordHash.parse("pbkdf2-sha256:1000:AA==:AA=="))
                .withMessageContaining("below 10000");
        assertThatIllegalArgumentException().isThrownBy(() -> PasswordHash.parse("pbkdf2-sha256:10000:!:AA=="))
                .withMessageContaining("base64");
        assertThatIllegalArgumentException().isThrownBy(() -> PasswordHash.parse("pbkdf2-sha256:10000:AA==:AA=="))
                .withMessageContaining("too short");
    }

    @Test
    void emptyPasswordsAndWeakCountsAreNeverHashed() {
        assertThatIllegalArgumentException().isThrownBy(() -> PasswordHash.create(new char[0], 10_000))
                .withMessage("the password is empty");
        assertThatIllegalArgumentException().isThrownBy(() -> PasswordHash.create("pw".toCharArray(), 0))
                .withMessage("the iteration count 0 is below " + PasswordHash.MIN_ITERATIONS);
        assertThat(PasswordHash.create("pw".toCharArray(), 10_000).ofEmptyPassword()).isFalse();
    }
}
