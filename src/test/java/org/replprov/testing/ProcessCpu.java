package org.replprov.testing;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.sun.management.OperatingSystemMXBean;

/**
 * CPU time of processes as Linux counts it in {@code /proc/<pid>/stat} (proc(5)), for benchmarks that compare what a
 * copy costs the machine, not only how long it takes: on a shared machine the CPU seconds of a copy vary far less
 * than its wall time.
 */
public final class ProcessCpu {

    /** /proc counts in clock ticks of USER_HZ, 100 per second on Linux whatever the kernel's own tick rate. */
    private static final long TICK_NANOS = 10_000_000;

    private ProcessCpu() {
    }

    /** The CPU time this JVM has used, all its threads. */
    public static Duration self() {
        return Duration.ofNanos(((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime());
    }

    /** The CPU time of the child processes this JVM has waited for, such as a tool run to completion. */
    public static Duration reapedChildren() throws IOException {
        long[] t = ticks(ProcessHandle.current().pid());
        return Duration.ofNanos((t[2] + t[3]) * TICK_NANOS);
    }

    /**
     * The CPU time of {@code process} and its descendants: its own, its children's that it has waited for, and that
     * of the descendants not waited for yet (running or exited).
     */
    public static Duration tree(ProcessHandle process) throws IOException {
        // A child that its parent waits for between the two readings would count twice or not at all: read again.
        for (long[] before = ticks(process.pid()); ; ) {
            long sum = before[0] + before[1] + before[2] + before[3];
            for (ProcessHandle d : (Iterable<ProcessHandle>) process.descendants()::iterator) {
                try {
                    long[] t = ticks(d.pid());
                    sum += t[0] + t[1];
                } catch (IOException e) {
                    // gone since it was listed (ENOENT, or ESRCH when it goes while being read)
                }
            }
            long[] after = ticks(process.pid());
            if (after[2] == before[2] && after[3] == before[3]) {
                return Duration.ofNanos(sum * TICK_NANOS);
            }
            before = after;
        }
    }

    /** utime, stime, cutime and cstime of {@code pid}, in ticks. */
    private static long[] ticks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        // The command name, in parentheses, may contain spaces; the fields after it start with the state (field 3).
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]),
                Long.parseLong(f[14])};
    }
}
