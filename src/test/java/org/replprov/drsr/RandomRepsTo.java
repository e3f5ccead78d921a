package org.replprov.drsr;

import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Random {@link RepsTo} values for the fuzz and Samba cross-check tests; deterministic for a given {@link Random}.
 * Names use the characters of DNS names (what DCs store, and what Samba's 8-bit MTX_ADDR handles alike); times stay
 * below 2^40 seconds because Samba's Python API multiplies them by 10^7 into an unsigned 64-bit NTTIME.
 */
final class RandomRepsTo {

    private static final String DNS_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789.-";
    private static final List<Win32Error> KNOWN_RESULTS = List.of(Win32Error.RPC_S_SERVER_UNAVAILABLE,
            Win32Error.ERROR_DS_DRA_SOURCE_DISABLED, Win32Error.ERROR_DS_DNS_LOOKUP_FAILURE,
            Win32Error.ERROR_ACCESS_DENIED, Win32Error.ERROR_DS_DRA_REF_NOT_FOUND);

    private RandomRepsTo() {
    }

    static RepsTo next(Random rnd) {
        return new RepsTo(naDsa(rnd), guid(rnd),
                new ReplicaFlags(rnd.nextInt()).retainAll(RepsTo.PRESERVED_OPTIONS),
                result(rnd),
                rnd.nextInt(4) == 0 ? 0 : Integer.toUnsignedLong(rnd.nextInt()),
                time(rnd), time(rnd));
    }

    static String naDsa(Random rnd) {
        return switch (rnd.nextInt(10)) {
            case 0 -> "";
            case 1, 2, 3 -> guid(rnd) + "._msdcs." + name(rnd, 1 + rnd.nextInt(40));
            default -> name(rnd, 1 + rnd.nextInt(rnd.nextInt(8) == 0 ? 255 : 64));
        };
    }

    private static String name(Random rnd, int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(DNS_CHARS.charAt(rnd.nextInt(DNS_CHARS.length())));
        }
        return s.toString();
    }

    static UUID guid(Random rnd) {
        return new UUID(rnd.nextLong(), rnd.nextLong());
    }

    static Win32Error result(Random rnd) {
        return switch (rnd.nextInt(4)) {
            case 0, 1 -> Win32Error.ERROR_SUCCESS;
            case 2 -> KNOWN_RESULTS.get(rnd.nextInt(KNOWN_RESULTS.size()));
            default -> new Win32Error(rnd.nextInt());
        };
    }

    static DsTime time(Random rnd) {
        return rnd.nextInt(5) == 0 ? DsTime.NEVER : new DsTime(1 + (rnd.nextLong() >>> 24));
    }
}
