package org.replprov.engines.sambaad;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.replprov.drsr.Bytes;
import org.replprov.drsr.DsTime;
import org.replprov.drsr.Layout;
import org.replprov.drsr.NtTime;
import org.replprov.drsr.ReplTimes;
import org.replprov.drsr.ReplUpToDateVector;
import org.replprov.drsr.ReplUpToDateVectorCodec;
import org.replprov.drsr.ReplicaFlags;
import org.replprov.drsr.RepsFrom;
import org.replprov.drsr.RepsFromToCodec;
import org.replprov.drsr.RepsTo;
import org.replprov.drsr.UpToDateCursor;
import org.replprov.drsr.UsnVector;
import org.replprov.drsr.Win32Error;
import org.replprov.engines.sambaad.directory.DirectorySnapshot;
import org.replprov.engines.sambaad.directory.NamingContextReplication;
import org.replprov.engines.sambaad.directory.NtdsConnection;
import org.replprov.engines.sambaad.directory.NtdsDsa;
import org.replprov.engines.sambaad.directory.RootDse;
import org.replprov.engines.sambaad.directory.Server;
import org.replprov.engines.sambaad.directory.Site;

/**
 * A directory snapshot of a hub DC with {@code partners} partner DCs and {@code ncs} naming contexts, each NC
 * replicated in from and notifying every partner, with the values encoded as Samba stores them: the synthetic
 * input of the 50 partners × 5 NCs figures.
 */
final class SyntheticDirectory {

    private SyntheticDirectory() {
    }

    static DirectorySnapshot of(int partners, int ncs) {
        String root = "DC=example,DC=test";
        String config = "CN=Configuration," + root;
        String siteDn = "CN=Default-First-Site-Name,CN=Sites," + config;
        List<Site> sites = List.of(new Site(siteDn, "Default-First-Site-Name", uuid("site", 0)));
        List<Server> servers = new ArrayList<>();
        List<NtdsDsa> dsas = new ArrayList<>();
        List<NtdsConnection> connections = new ArrayList<>();
        List<String> ncDns = new ArrayList<>();
        ncDns.add(root);
        ncDns.add(config);
        ncDns.add("CN=Schema," + config);
        for (int i = 3; i < ncs; i++) {
            ncDns.add("DC=App" + i + "," + root);
        }
        for (int i = 0; i <= partners; i++) {
            String server = "CN=DC" + i + ",CN=Servers," + siteDn;
            servers.add(new Server(server, "DC" + i, uuid("server", i), siteDn, Optional.of("dc" + i + ".example.test")));
            dsas.add(new NtdsDsa("CN=NTDS Settings," + server, uuid("dsa", i), uuid("invocation", i), 1, ncDns));
        }
        NtdsDsa hub = dsas.get(0);
        for (int i = 1; i <= partners; i++) {
            connections.add(new NtdsConnection("CN=c" + i + "," + hub.dn(), uuid("connection-in", i), hub.dn(),
                    dsas.get(i).dn(), Optional.of(true), 0, Optional.empty()));
            connections.add(new NtdsConnection("CN=c0," + dsas.get(i).dn(), uuid("connection-out", i),
                    dsas.get(i).dn(), hub.dn(), Optional.of(true), 0, Optional.empty()));
        }
        DsTime now = DsTime.of(Instant.parse("2026-01-01T00:00:00Z"));
        List<NamingContextReplication> heads = new ArrayList<>();
        for (int n = 0; n < ncs; n++) {
            List<Bytes> from = new ArrayList<>();
            List<Bytes> to = new ArrayList<>();
            List<UpToDateCursor> cursors = new ArrayList<>();
            for (int i = 1; i <= partners; i++) {
                NtdsDsa p = dsas.get(i);
                String address = p.objectGuid() + "._msdcs.example.test";
                RepsFrom f = new RepsFrom(address, p.objectGuid(), p.invocationId(), uuid("transport", 0),
                        new ReplicaFlags(0x70), new ReplTimes(Bytes.zeros(ReplTimes.SIZE)),
                        new UsnVector(4000 + i, 0, 4000 + i), i % 7 == 0 ? Win32Error.ERROR_CONNECTION_REFUSED
                        : Win32Error.ERROR_SUCCESS, i % 7 == 0 ? 3 : 0, now, now);
                from.add(Bytes.of(RepsFromToCodec.encode(f.toBlob(1, Layout.SAMBA))));
                RepsTo t = new RepsTo(address, p.objectGuid(), new ReplicaFlags(0x10), Win32Error.ERROR_SUCCESS, 0,
                        DsTime.NEVER, DsTime.NEVER);
                to.add(Bytes.of(RepsFromToCodec.encode(t.toBlob(1, Layout.SAMBA))));
                cursors.add(new UpToDateCursor(p.invocationId(), 4000 + i, NtTime.of(Instant.parse(
                        "2026-01-01T00:00:00Z"))));
            }
            heads.add(new NamingContextReplication(ncDns.get(n), uuid("nc", n), from, to,
                    Optional.of(Bytes.of(ReplUpToDateVectorCodec.encode(ReplUpToDateVector.of(cursors))))));
        }
        RootDse rootDse = new RootDse(hub.dn(), 100_000, ncDns, root, config, "dc0.example.test",
                servers.get(0).dn(), true);
        return new DirectorySnapshot(rootDse, hub, sites, servers, dsas, connections, heads, Duration.ZERO);
    }

    private static UUID uuid(String kind, int i) {
        return UUID.nameUUIDFromBytes((kind + ":" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
