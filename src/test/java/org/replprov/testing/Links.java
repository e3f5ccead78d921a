package org.replprov.testing;

import java.util.List;
import java.util.UUID;

import org.replprov.engine.spi.Link;
import org.replprov.engine.spi.Scope;

/**
 * Deterministic links: link {@code n} has GUIDs derived from {@code n}. Inbound links are configured (permanent);
 * outbound ones are on demand, as the embedded engine's are.
 */
public final class Links {

    public static final UUID MEMBER = UUID.fromString("c0037e37-ef20-4cdf-968a-932e669ed810");
    public static final UUID GROUP = UUID.fromString("3e337b81-109f-4a97-880c-0a1b2c3d4e5f");
    public static final String MEMBER_NAME = "FS01";
    public static final String GROUP_NAME = "Branch Office Data";

    private Links() {
    }

    public static UUID connection(int n) {
        return new UUID(0x1000_0000_0000_4000L | n, 0x8000_0000_0000_0000L | n);
    }

    public static UUID partner(int n) {
        return new UUID(0x2000_0000_0000_4000L | n, 0x8000_0000_0000_0000L | n);
    }

    public static Link inbound(int n) {
        return link(n, true);
    }

    public static Link outbound(int n) {
        return link(n, false);
    }

    public static Link link(int n, boolean inbound) {
        return new Link(connection(n), MEMBER, MEMBER_NAME, partner(n), "BRANCH" + n, GROUP, GROUP_NAME, inbound,
                !inbound, List.of());
    }

    /** {@code link} carrying {@code scopes}. */
    public static Link withScopes(Link l, Scope... scopes) {
        return new Link(l.connectionGuid(), l.memberGuid(), l.memberName(), l.partnerGuid(), l.partnerName(),
                l.replicationGroupGuid(), l.replicationGroupName(), l.inbound(), l.onDemand(), List.of(scopes));
    }
}
