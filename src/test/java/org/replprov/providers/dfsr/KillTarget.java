package org.replprov.providers.dfsr;

import java.nio.file.Path;
import java.util.Map;

import org.replprov.cim.CimValue;
import org.replprov.engine.EngineHost;
import org.replprov.state.StateStore;
import org.replprov.testing.FakeEngine;
import org.replprov.testing.Links;

/**
 * The child process of {@link KillDuringOverrideTest}: starts a provider on the state directory in {@code args[0]},
 * sets a one-hour Sync Now override, prints {@code OVERRIDE <end>} and waits to be killed.
 */
public final class KillTarget {

    public static void main(String[] args) throws InterruptedException {
        FakeEngine engine = new FakeEngine(java.time.Clock.systemUTC());
        EngineHost host = EngineHost.builder().engine("fake", engine).build();
        DfsrConnectionInfoProvider p = DfsrConnectionInfoProvider.builder().cimClass(DfsrFixture.CLASS)
                .engines(host).stateStore(StateStore.open(Path.of(args[0]))).build();
        host.start();
        engine.report(Links.inbound(1));
        var result = p.invokeMethod(DfsrFixture.CTX, DfsrFixture.CLASS, DfsrFixture.path(Links.connection(1)),
                DfsrFixture.CLASS.method(DfsrSchema.FORCE_REPLICATION).orElseThrow(),
                Map.of(DfsrSchema.MODE, CimValue.uint32(2), DfsrSchema.DURATION_IN_MIN, CimValue.uint32(60),
                        DfsrSchema.BANDWIDTH, CimValue.uint32(0xF)));
        if (!result.returnValue().text().equals("0")) {
            System.out.println("FAILED " + result.returnValue().text());
            System.exit(1);
        }
        System.out.println("OVERRIDE " + p.overrides(Links.connection(1)).get(0).end());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
