package org.replprov.providers.ad;

import java.time.Instant;
import java.util.UUID;

import org.replprov.drsr.DsTime;
import org.replprov.drsr.HexVector;
import org.replprov.drsr.MalformedBlobException;
import org.replprov.drsr.ReplicaFlags;
import org.replprov.drsr.ReplicaFlags.Flag;
import org.replprov.drsr.RepsFromToCodec;
import org.replprov.drsr.RepsTo;
import org.replprov.drsr.Win32Error;
import org.replprov.engine.spi.RepsToEntry;
import org.replprov.mof.MofCompiler;
import org.replprov.provider.ObjectManager;
import org.replprov.state.InMemoryRepsToStore;

/** An object manager serving ReplProv_RepsTo from an in-memory store, and the values the tests put into it. */
final class RepsToFixture implements AutoCloseable {

    static final String NS = RepsToSchema.NAMESPACE;
    static final String EXAMPLE = "DC=example,DC=com";
    static final String CONFIGURATION = "CN=Configuration,DC=example,DC=com";

    /** The value of test vector a-v1-samba: two failed notifications to dc2 after a success. */
    static final RepsTo FAILING = new RepsTo("dc2.example.com",
            UUID.fromString("5fef3270-3934-46f3-8b63-b5fc9c55f981"), ReplicaFlags.of(Flag.DRS_WRIT_REP),
            Win32Error.RPC_S_SERVER_UNAVAILABLE, 2,
            DsTime.of(Instant.parse("2024-11-11T22:00:00Z")), DsTime.of(Instant.parse("2024-11-11T21:56:43Z")));

    /** A read-only replica notified without trouble, whose value holds no address. */
    static final RepsTo READ_ONLY = new RepsTo("", UUID.fromString("66c418b3-0000-4000-8000-000000000002"),
            ReplicaFlags.of(Flag.DRS_NONGC_RO_REP, Flag.DRS_NEVER_NOTIFY), Win32Error.ERROR_SUCCESS, 0,
            DsTime.of(Instant.parse("2024-11-11T21:56:43Z")), DsTime.of(Instant.parse("2024-11-11T21:56:43Z")));

    final InMemoryRepsToStore store = InMemoryRepsToStore.create();
    final RepsToProvider provider;
    final ObjectManager om;

    RepsToFixture() {
        var schema = MofCompiler.loadShippedSchema();
        provider = RepsToProvider.builder().schema(schema).source(store).build();
        om = ObjectManager.builder(schema).register(NS, RepsToSchema.CLASS, provider).build();
    }

    /** Test vector c-v1-samba-4.17-dc: the value a Samba 4.17 DC stored after a join, as read over LDAP. */
    static RepsTo sambaAfterJoin() {
        try {
            return RepsTo.from(RepsFromToCodec.decode(HexVector.named("c-v1-samba-4.17-dc").bytes()));
        } catch (MalformedBlobException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        om.close();
    }

    static RepsToEntry entry(String namingContext, RepsTo value) {
        return new RepsToEntry(namingContext, value);
    }
}
