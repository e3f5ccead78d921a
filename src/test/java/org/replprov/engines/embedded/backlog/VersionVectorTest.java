package org.replprov.engines.embedded.backlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.replprov.engines.embedded.transport.Entry;

/** The version vector format of docs/dfsr-provider.md §10.4: round trip, backlog counts, and every malformed form. */
class VersionVectorTest {

    private static final UUID FOLDER = UUID.fromString("0e5b8ad4-2b44-4a6c-9a0f-5e5b8ad42b44");
    private static final Instant T = Instant.parse("2026-12-06T04:00:00.123Z");

    private static List<Entry> tree(int files) {
        List<Entry> out = new ArrayList<>();
        out.add(Entry.directory("sub", T));
        for (int i = 0; i < files; i++) {
            out.add(Entry.file("sub/f" + i + ".txt", i, T));
        }
        return out;
    }

    @Test
    void aVectorReadsBackAsWritten() throws Exception {
        VersionVector v = VersionVector.of(FOLDER, tree(100));
        String text = v.encode();
        assertThat(text).startsWith("RPVV1:0E5B8AD4-2B44-4A6C-9A0F-5E5B8AD42B44:101:");
        VersionVector back = VersionVector.decode(text);
        assertThat(back.folder()).isEqualTo(FOLDER);
        assertThat(back.size()).isEqualTo(101);
        assertThat(back.encode()).isEqualTo(text);
        assertThat(v.backlogTowards(back)).isZero();
        assertThat(VersionVector.decode(VersionVector.of(FOLDER, List.of()).encode()).size()).isZero();
    }

    @Test
    void theBacklogCountsNewChangedAndDeletedPathsOnce() {
        List<Entry> receiver = tree(10);
        List<Entry> sender = new ArrayList<>(tree(10));
        sender.add(Entry.file("new1.txt", 1, T));
        sender.add(Entry.file("new2.txt", 1, T));
        sender.set(3, Entry.file("sub/f2.txt", 99, T)); // changed: other size
        sender.set(4, Entry.file("sub/f3.txt", 3, T.plusMillis(1))); // changed: other time
        sender.remove(5); // sub/f4.txt deleted on the sender
        VersionVector r = VersionVector.of(FOLDER, receiver);
        assertThat(VersionVector.of(FOLDER, sender).backlogTowards(r)).isEqualTo(2 + 2 + 1);
        assertThat(VersionVector.of(FOLDER, receiver).backlogTowards(r)).isZero();
        // A directory's time does not make a version: the mirror does not compare it.
        assertThat(VersionVector.of(FOLDER, List.of(Entry.directory("sub", T.plusSeconds(9))))
                .backlogTowards(VersionVector.of(FOLDER, List.of(Entry.directory("sub", T))))).isZero();
    }

    @Test
    void malformedVectorsAreRefusedWithTheirOffset() {
        String good = VersionVector.of(FOLDER, tree(3)).encode();
        int data = good.lastIndexOf(':') + 1;
        record Case(String text, int offset) {
        }
        List<Case> cases = List.of(
                new Case("", 0),
                new Case("RPVV2:" + good.substring(6), 0),
                new Case("RPVV1:not-a-guid", 6),
                new Case(good.replace(":4:", "::"), 43),
                new Case(good.replace(":4:", ":4x:"), 44),
                new Case(good.replace(":4:", ":999999:"), 43),
                new Case(good.replace(":4:", ":5:"), data),
                new Case(good.substring(0, good.length() - 1), data),
                new Case(good.substring(0, data) + "*" + good.substring(data + 1), data));
        for (Case c : cases) {
            assertThatThrownBy(() -> VersionVector.decode(c.text())).as(c.text())
                    .isInstanceOfSatisfying(MalformedVersionVectorException.class,
                            e -> assertThat(e.offset()).as(e.getMessage()).isEqualTo(c.offset()));
        }
        assertThatThrownBy(() -> VersionVector.decode(null)).isInstanceOf(MalformedVersionVectorException.class);
        assertThatThrownBy(() -> VersionVector.decode("RPVV1:" + "A".repeat(3_000_000)))
                .isInstanceOf(MalformedVersionVectorException.class).hasMessageContaining("longer than");
    }

    @Test
    void entriesOutOfOrderAreRefused() throws Exception {
        String good = VersionVector.of(FOLDER, tree(1)).encode(); // two entries
        int data = good.lastIndexOf(':') + 1;
        byte[] raw = java.util.Base64.getUrlDecoder().decode(good.substring(data));
        byte[] swapped = new byte[raw.length];
        System.arraycopy(raw, 16, swapped, 0, 16);
        System.arraycopy(raw, 0, swapped, 16, 16);
        String bad = good.substring(0, data) + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(swapped);
        assertThatThrownBy(() -> VersionVector.decode(bad)).isInstanceOf(MalformedVersionVectorException.class)
                .hasMessageContaining("entry 1 is not above");
    }

    @Test
    void randomTextNeverThrowsAnythingElse() {
        Random random = new Random(15);
        String good = VersionVector.of(FOLDER, tree(20)).encode();
        for (int i = 0; i < 5000; i++) {
            char[] c = good.toCharArray();
            for (int k = 0; k < 1 + random.nextInt(4); k++) {
                c[random.nextInt(c.length)] = (char) random.nextInt(128);
            }
            String text = new String(c, 0, random.nextInt(c.length + 1));
            try {
                VersionVector.decode(text);
            } catch (MalformedVersionVectorException expected) {
                // the one failure allowed
            }
        }
    }
}
