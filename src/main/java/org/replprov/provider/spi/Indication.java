package org.replprov.provider.spi;

import java.time.Instant;
import java.util.Objects;

import org.replprov.cim.CimInstance;
import org.replprov.cim.CimName;
import org.replprov.wql.InstanceEvent;

/**
 * An intrinsic event (MS-WMI §2.2.1.2; WMI SDK "Intrinsic events"): an instance was created, modified or deleted.
 *
 * @param kind which of the three event classes this is: {@link InstanceEvent#CREATION},
 *     {@link InstanceEvent#MODIFICATION} or {@link InstanceEvent#DELETION}
 * @param targetInstance the instance after the change (for a deletion: as it was when deleted)
 * @param previousInstance the instance before a modification; null for the other kinds
 * @param timeCreated when the change happened (the event's TIME_CREATED)
 */
public record Indication(InstanceEvent kind, CimInstance targetInstance, CimInstance previousInstance,
                         Instant timeCreated) {

    public Indication {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(targetInstance, "targetInstance");
        Objects.requireNonNull(timeCreated, "timeCreated");
        if (kind == InstanceEvent.OPERATION) {
            throw new IllegalArgumentException("an event that happens is a creation, modification or deletion");
        }
        if (kind.hasPreviousInstance() != (previousInstance != null)) {
            throw new IllegalArgumentException("a modification, and only a modification, has a previous instance");
        }
    }

    public static Indication created(CimInstance target, Instant when) {
        return new Indication(InstanceEvent.CREATION, target, null, when);
    }

    public static Indication modified(CimInstance previous, CimInstance target, Instant when) {
        return new Indication(InstanceEvent.MODIFICATION, target, previous, when);
    }

    public static Indication deleted(CimInstance target, Instant when) {
        return new Indication(InstanceEvent.DELETION, target, null, when);
    }

    /** The WMI event class name ({@code __InstanceModificationEvent}). */
    public CimName eventClass() {
        return kind.className();
    }
}
