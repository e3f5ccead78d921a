package org.replprov.engines.embedded.schedule;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A token bucket that holds transfers to a rate in bytes per second, shared by every transfer of one connection.
 *
 * <p>Each transfer asks for its bytes before moving them. The bucket may go into debt: the caller that overdraws it
 * sleeps until the debt is paid at the current rate, so concurrent transfers together stay at the rate, and the
 * measured rate is the configured one within a chunk. The bucket holds at most {@link #BURST} worth of tokens, so an
 * idle connection cannot save up for a burst.
 *
 * <p>The rate can change at any time (the schedule moves to another quarter hour, an override sets a bandwidth);
 * waiting callers continue at the new rate. A rate of zero blocks callers until it rises again.
 */
public final class Throttle {

    /** Unlimited: no waiting at all. */
    public static final long UNLIMITED = Long.MAX_VALUE;

    /** The most tokens the bucket keeps, in seconds at the current rate. */
    static final double BURST = 0.05;

    /** Chunk sizes: about a twentieth of a second each at the current rate, within these bounds. */
    static final int MIN_CHUNK = 512;
    static final int MAX_CHUNK = 1 << 20;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition rateChanged = lock.newCondition();
    private long bytesPerSecond;
    private double tokens;
    private long refilledAt = System.nanoTime();

    public Throttle(long bytesPerSecond) {
        setRate(bytesPerSecond);
    }

    /** A throttle that never waits. */
    public static Throttle unlimited() {
        return new Throttle(UNLIMITED);
    }

    /** The rate in bytes per second for a rate in bits per second (BANDWIDTH_LEVEL tables count bits). */
    public static long bytesPerSecond(long bitsPerSecond) {
        return bitsPerSecond == UNLIMITED ? UNLIMITED : bitsPerSecond / 8;
    }

    public void setRate(long newBytesPerSecond) {
        if (newBytesPerSecond < 0) {
            throw new IllegalArgumentException("negative rate " + newBytesPerSecond);
        }
        lock.lock();
        try {
            refill();
            bytesPerSecond = newBytesPerSecond;
            tokens = Math.min(tokens, capacity());
            rateChanged.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public long rate() {
        lock.lock();
        try {
            return bytesPerSecond;
        } finally {
            lock.unlock();
        }
    }

    /** How many bytes a transfer should move per {@link #acquire} at the current rate. */
    public int chunkSize() {
        long rate = rate();
        if (rate == UNLIMITED) {
            return MAX_CHUNK;
        }
        return (int) Math.max(MIN_CHUNK, Math.min(MAX_CHUNK, rate / 20));
    }

    /** Takes {@code bytes} from the bucket, waiting while the rate is zero and for as long as the debt lasts. */
    public void acquire(int bytes) throws InterruptedException {
        long sleepNanos;
        lock.lock();
        try {
            while (bytesPerSecond == 0) {
                rateChanged.await();
            }
            if (bytesPerSecond == UNLIMITED) {
                return;
            }
            refill();
            tokens -= bytes;
            sleepNanos = tokens >= 0 ? 0 : (long) (-tokens * 1e9 / bytesPerSecond);
        } finally {
            lock.unlock();
        }
        if (sleepNanos > 0) {
            TimeUnit.NANOSECONDS.sleep(sleepNanos);
        }
    }

    private void refill() {
        long now = System.nanoTime();
        if (bytesPerSecond != UNLIMITED && bytesPerSecond > 0) {
            tokens = Math.min(capacity(), tokens + (now - refilledAt) * (double) bytesPerSecond / 1e9);
        }
        refilledAt = now;
    }

    private double capacity() {
        return bytesPerSecond == UNLIMITED ? 0 : bytesPerSecond * BURST;
    }
}
