package org.replprov.providers.dfsr;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;


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

    /**
     * The shortest walk along {@link #TRANSITIONS} from this state to {@code to}: how a connection moves when the state
     * derived from its engine's facts has no direct arrow (Offline → Online goes through Connecting). Empty when
     * {@code to} is this state. Every state is reachable from every other.
     */
    public List<Transition> pathTo(ConnectionState to) {
        Map<ConnectionState, Transition> reachedBy = new EnumMap<>(ConnectionState.class);
        Deque<ConnectionState> queue = new ArrayDeque<>(List.of(this));
        while (!queue.isEmpty() && !reachedBy.containsKey(to) && to != this) {
            ConnectionState at = queue.removeFirst();
            for (Transition t : TRANSITIONS) {
                if (t.from == at && t.to != this && !reachedBy.containsKey(t.to)) {
                    reachedBy.put(t.to, t);
                    queue.addLast(t.to);
                }
            }
        }
        List<Transition> path = new ArrayList<>();
        for (ConnectionState s = to; s != this; s = reachedBy.get(s).from) {
            path.add(reachedBy.get(s));
        }
        Collections.reverse(path);
        return List.copyOf(path);
    }
}
