package org.replprov.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeferredResponseTest {

    private final List<Long> commits = new ArrayList<>();
    private final ByteArrayOutputStream sent = new ByteArrayOutputStream();
    private final DeferredResponse out = new DeferredResponse(length -> {
        commits.add(length);
        return sent;
    }, 10);

    @Test
    void smallBodiesAreSentWithTheirLengthOnClose() throws IOException {
        out.write("hello".getBytes());
        assertThat(out.committed()).isFalse();
        out.close();
        assertThat(commits).containsExactly(5L);
        assertThat(sent.toString()).isEqualTo("hello");
    }

    @Test
    void aBodyMayBeReplacedUntilItGrowsPastTheThreshold() throws IOException {
        out.write("partial".getBytes());
        assertThat(out.rewind()).isTrue();
        out.write("error".getBytes());
        out.close();
        assertThat(sent.toString()).isEqualTo("error");
    }

    @Test
    void largeBodiesStreamWithUnknownLengthAndCannotBeReplaced() throws IOException {
        out.write("0123456789".getBytes());
        assertThat(out.committed()).isFalse();
        out.write('A');
        assertThat(out.committed()).isTrue();
        assertThat(commits).containsExactly(-1L);
        out.write("BC".getBytes());
        assertThat(out.rewind()).isFalse();
        out.close();
        out.close();
        assertThat(sent.toString()).isEqualTo("0123456789ABC");
        assertThat(commits).hasSize(1);
    }

    @Test
    void anEmptyBodyCommitsLengthZero() throws IOException {
        out.close();
        assertThat(commits).containsExactly(0L);
    }
}
