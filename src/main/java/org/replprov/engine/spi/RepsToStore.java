package org.replprov.engine.spi;

import java.util.List;
import java.util.UUID;

import org.replprov.drsr.RepsTo;

/**
 * A {@link RepsToSource} that engine adapters fill. An adapter that keeps its own partners (an engine that notifies
 * partners itself) calls {@link #put} and {@link #remove} as they change; one that reads the {@code repsTo} attribute
 * of a directory (over LDAP from a Samba AD DC) hands each NC's values to {@link #replace} after every read. The
 * store works out what changed and tells its listeners, so that subscribers see one event per change.
 */
public interface RepsToStore extends RepsToSource {

    /**
     * Adds {@code entry}, or replaces the value with the same {@link RepsToEntry#key() key}: IDL_DRSUpdateRefs
     * adding a partner (MS-DRSR §4.1.26), or a notification updating the partner's counters and times.
     */
    void put(RepsToEntry entry);

    /**
     * Removes the value for partner {@code uuidDsa} from the naming context, as IDL_DRSUpdateRefs deleting a
     * reference does.
     *
     * @return false when there was none
     */
    boolean remove(String namingContext, UUID uuidDsa);

    /**
     * Makes {@code values} the whole {@code repsTo} attribute of the naming context, as read: values of partners not
     * among them are removed; the other naming contexts keep theirs.
     *
     * @throws IllegalArgumentException when two values name the same partner (an attribute cannot hold them)
     */
    void replace(String namingContext, List<RepsTo> values);
}
