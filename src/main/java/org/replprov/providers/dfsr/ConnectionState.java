package org.replprov.providers.dfsr;

import java.util.List;
import java.util.Optional;

import org.replprov.engine.spi.ConnectionTrigger;

/**
 * DfsrConnectionInfo.State (0 Connecting, 1 Online, 2 Offline, 3 In Error) and the transitions between the states.
 *
 * <p>{@link #TRANSITIONS} is the DFSR connection state diagram (DfsrConnectionInfo class documentation, Remarks) plus one arrow the diagram leaves out:
 * In Error → Connecting when the service retries, which the four connection error events promise ("the service will
 * retry the connection periodically"). A trigger with no arrow from the current state is refused. docs/dfsr-provider.md
 * carries the same table; a test keeps the two equal.
 */
public enum ConnectionState {
    CONNECTING(0, "Connecting"),
    ONLINE(1, "Online"),
    OFFLINE(2, "Offline"),
    IN_ERROR(3, "In Error");

    /** The diagram's initial state: a connection is Offline until its schedule turns on. */
    public static final ConnectionState INITIAL = OFFLINE;

    /** One arrow of the diagram. */
    public record Transition(ConnectionState from, ConnectionTrigger trigger, ConnectionState to) {
    }

    /** Every allowed transition. */
    public static final List<Transition> TRANSITIONS = List.of(
            new Transition(OFFLINE, ConnectionTrigger.SCHEDULE_ON, CONNECTING),
            new Transition(CONNECTING, ConnectionTrigger.SCHEDULE_OFF, OFFLINE),
            new Transition(CONNECTING, ConnectionTrigger.CONFIG_CHANGE, OFFLINE),
            new Transition(CONNECTING, ConnectionTrigger.CONNECTION_ESTABLISHED, ONLINE),
            new Transition(ONLINE, ConnectionTrigger.DISCONNECTED, CONNECTING),
            new Transition(CONNECTING, ConnectionTrigger.RETRIES_EXHAUSTED, IN_ERROR),
            new Transition(IN_ERROR, ConnectionTrigger.SERVICE_RETRY, CONNECTING));

    private final int value;
    private final String displayName;

    ConnectionState(int value, String displayName) {
        this.value = value;
        this.displayName = displayName;
    }

    /** The State property value. */
    public int value() {
        return value;
    }

    /** The documented name ("In Error"). */
    public String displayName() {
        return displayName;
    }

    /** The state {@code trigger} leads to from this one; empty when the diagram has no such arrow. */
    public Optional<ConnectionState> after(ConnectionTrigger trigger) {
        for (Transition t : TRANSITIONS) {
            if (t.from == this && t.trigger == trigger) {
                return Optional.of(t.to);
            }
        }
        return Optional.empty();
    }
}
