package org.replprov.protocol;

import java.time.Instant;
import java.util.Objects;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimName;

/**
 * One intrinsic event delivered to a subscriber (WMI {@code __InstanceOperationEvent} family): the event class
 * ({@code __InstanceCreationEvent}, {@code __InstanceModificationEvent} or {@code __InstanceDeletionEvent}), when it
 * happened, the instance after the change (for a deletion: the deleted instance) and, for a modification, the
 * instance before it.
 */
public record CimIndication(CimName eventClass, Instant timeCreated, CimInstance targetInstance,
                            CimInstance previousInstance) {

    public static final CimName CREATION = CimName.of("__InstanceCreationEvent");
    public static final CimName MODIFICATION = CimName.of("__InstanceModificationEvent");
    public static final CimName DELETION = CimName.of("__InstanceDeletionEvent");

    public CimIndication {
        Objects.requireNonNull(eventClass, "eventClass");
        Objects.requireNonNull(timeCreated, "timeCreated");
        Objects.requireNonNull(targetInstance, "targetInstance");
        if (eventClass.equals(MODIFICATION) != (previousInstance != null)) {
            throw new IllegalArgumentException("a modification event, and only one, carries the previous instance");
        }
    }
}
