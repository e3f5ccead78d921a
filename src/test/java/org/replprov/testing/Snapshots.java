package org.replprov.testing;

import java.util.UUID;

import org.replprov.engine.spi.ConnectionSnapshot;
import org.replprov.engine.spi.SyncResults;

/** Deterministic connection snapshots: connection {@code n} has GUIDs derived from {@code n}. */
public final class Snapshots {

    public static final UUID MEMBER = UUID.fromString("c0037e37-ef20-4cdf-968a-932e669ed810");
    public static final UUID GROUP = UUID.fromString("3e337b81-109f-4a97-880c-0a1b2c3d4e5f");
    public static final String MEMBER_NAME = "FS01";
    public static final String GROUP_NAME = "Branch Office Data";

    private Snapshots() {
    }

    public static UUID connection(int n) {
        return new UUID(0x1000_0000_0000_4000L | n, 0x8000_0000_0000_0000L | n);
    }

    public static UUID partner(int n) {
        return new UUID(0x2000_0000_0000_4000L | n, 0x8000_0000_0000_0000L | n);
    }

    public static ConnectionSnapshot inbound(int n) {
        return snapshot(n, true);
    }

    public static ConnectionSnapshot outbound(int n) {
        return snapshot(n, false);
    }

    public static ConnectionSnapshot snapshot(int n, boolean inbound) {
        return new ConnectionSnapshot(connection(n), MEMBER, MEMBER_NAME, partner(n), "BRANCH" + n, GROUP,
                GROUP_NAME, inbound, SyncResults.UNKNOWN);
    }
}
