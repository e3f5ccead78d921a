package org.replprov.engines.windows.dcom;

import org.junit.jupiter.api.Test;

class ScratchTest {
    @Test
    void probe() throws Exception {
        try (DcomResponder r = DcomResponder.start("127.0.0.63")) {
            r.serve(java.util.List.of(WmiClientTest.MEMBER.info(1)));
            try (WmiClient c = WmiClient.connect(r.address(), DcomResponder.DOMAIN, DcomResponder.USER, DcomResponder.PASSWORD,
                        "//./root/MicrosoftDFS", java.time.Duration.ofSeconds(5),
                        org.replprov.engines.windows.wmio.WmioCodec.standard())) {
                System.out.println("ROWS " + c.query("SELECT * FROM DfsrInfo"));
            } catch (Exception e) {
                e.printStackTrace(System.out);
            }
            r.events().forEach(e -> System.out.println("EVENT " + e));
        }
    }
}
