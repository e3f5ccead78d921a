package org.replprov.wql;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import org.replprov.cim.CimName;

/**
 * The intrinsic instance events of WMI (WMI SDK "__InstanceOperationEvent" and its three subclasses): the classes an
 * event query may name after FROM. {@link #OPERATION} is the abstract parent; an event that happens is one of the
 * other three.
 */
public enum InstanceEvent {
    CREATION("__InstanceCreationEvent"),
    MODIFICATION("__InstanceModificationEvent"),
    DELETION("__InstanceDeletionEvent"),
    OPERATION("__InstanceOperationEvent");

    private final CimName className;

    InstanceEvent(String className) {
        this.className = CimName.of(className);
    }

    public CimName className() {
        return className;
    }

    /** The event class {@code name} names, ignoring case. */
    public static Optional<InstanceEvent> forClass(CimName name) {
        for (InstanceEvent e : values()) {
            if (e.className.equals(name)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** True when the event class has a PreviousInstance property: only __InstanceModificationEvent does. */
    public boolean hasPreviousInstance() {
        return this == MODIFICATION;
    }

    /** The events that happen and are of this class: all three for {@link #OPERATION}, else this one. */
    public Set<InstanceEvent> occurrences() {
        return this == OPERATION ? EnumSet.of(CREATION, MODIFICATION, DELETION) : EnumSet.of(this);
    }
}
