package org.replprov.providers.dfsr;

import org.replprov.engine.spi.LinkHealth;

/**
 * DfsrConnectionInfo.State from an engine's facts about a link: the one place the four states are decided. The table
 * is docs/dfsr-provider.md, "Deriving the state"; {@code StateDerivationTest} checks every row of it.
 *
 * <pre>
 * Condition        retries exhausted   State
 * PAUSED           any                 Offline     (disabled: not a fault)
 * SCHEDULE_CLOSED  any                 Offline     (the schedule's doing)
 * CONNECTED        any                 Online
 * SYNCING          any                 Online
 * CONNECTING       no                  Connecting  (trying, or waiting to retry)
 * CONNECTING       yes                 In Error    ("failed to connect after multiple retries")
 * </pre>
 *
 * An engine that failed as a whole (its start, or a call that timed out) puts all its links In Error with
 * SERVICE_UNREACHABLE; that is the provider's judgement and does not pass through here.
 */
public final class StateDerivation {

    private StateDerivation() {
    }

    public static ConnectionState state(LinkHealth health) {
        return switch (health.condition()) {
            case PAUSED, SCHEDULE_CLOSED -> ConnectionState.OFFLINE;
            case CONNECTED, SYNCING -> ConnectionState.ONLINE;
            case CONNECTING -> health.retriesExhausted() ? ConnectionState.IN_ERROR : ConnectionState.CONNECTING;
        };
    }
}
