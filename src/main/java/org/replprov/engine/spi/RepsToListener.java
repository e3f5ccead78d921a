package org.replprov.engine.spi;

/**
 * Hears of each change to the {@code repsTo} values a {@link RepsToSource} holds, after it happened and in the order
 * the changes happened. Calls return quickly and never throw.
 */
@FunctionalInterface
public interface RepsToListener {

    /**
     * One value changed.
     *
     * @param before the value as it was, or null when it was added
     * @param after  the value as it is now, or null when it was removed
     */
    void repsToChanged(RepsToEntry before, RepsToEntry after);
}
