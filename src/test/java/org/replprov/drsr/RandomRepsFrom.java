package org.replprov.drsr;

import java.util.Arrays;
import java.util.Random;

/**
 * Random {@link RepsFrom} values with every field in use: any option bits, a random schedule, high-water mark,
 * invocation and transport GUIDs; names, GUIDs, results and times as in {@link RandomRepsTo}. USNs stay
 * non-negative because Samba's Python API holds them as unsigned {@code hyper}s.
 */
final class RandomRepsFrom {

    private RandomRepsFrom() {
    }

    static RepsFrom next(Random rnd) {
        byte[] schedule = new byte[ReplTimes.SIZE];
        if (rnd.nextBoolean()) {
            rnd.nextBytes(schedule);
        } else {
            Arrays.fill(schedule, (byte) 0x11); // the default schedule of Windows and Samba
        }
        return new RepsFrom(RandomRepsTo.naDsa(rnd), RandomRepsTo.guid(rnd), RandomRepsTo.guid(rnd),
                rnd.nextInt(3) == 0 ? RepsFixedFields.NULL_GUID : RandomRepsTo.guid(rnd),
                new ReplicaFlags(rnd.nextInt()), new ReplTimes(Bytes.of(schedule)),
                new UsnVector(usn(rnd), usn(rnd), usn(rnd)), RandomRepsTo.result(rnd),
                rnd.nextInt(3) == 0 ? 0 : Integer.toUnsignedLong(rnd.nextInt()),
                RandomRepsTo.time(rnd), RandomRepsTo.time(rnd));
    }

    private static long usn(Random rnd) {
        return switch (rnd.nextInt(4)) {
            case 0 -> 0;
            case 1 -> rnd.nextInt(100_000);
            default -> rnd.nextLong() >>> 1;
        };
    }
}
