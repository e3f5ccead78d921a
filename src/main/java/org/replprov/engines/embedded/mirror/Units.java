package org.replprov.engines.embedded.mirror;

import java.time.Duration;
import java.util.Locale;

/** Sizes and rates the way an operator reads them in a log: binary units, one decimal. */
final class Units {

    private Units() {
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    static String rate(long bytes, Duration elapsed) {
        double seconds = Math.max(elapsed.toNanos(), 1) / 1e9;
        return bytes((long) (bytes / seconds)) + "/s";
    }
}
