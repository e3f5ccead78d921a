package org.replprov.engine.spi;

import java.util.List;

/**
 * The {@code repsTo} values (MS-DRSR §5.173) of every naming context this DC holds, as the ReplProv_RepsTo provider
 * reads them: the outbound partners the DC notifies of changes.
 *
 * <p>An engine adapter either fills a {@link RepsToStore} it is given, or implements this interface over
 * its own list. Contract: {@link #repsTo()} answers from memory without waiting for a DC or a network (the provider
 * calls it for every query), and every change reaches the listeners as {@link RepsToListener} describes.
 */
public interface RepsToSource {

    /** Every value held now, each {@link RepsToEntry#key() key} once, in an order that stays the same between calls. */
    List<RepsToEntry> repsTo();

    /** From now on, tells {@code listener} of every change. */
    void addListener(RepsToListener listener);

    /** Stops telling {@code listener}; nothing happens when it was not added. */
    void removeListener(RepsToListener listener);
}
