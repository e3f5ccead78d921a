package org.replprov.engines.windows.dcom;

import org.junit.jupiter.api.Test;

class ScratchTest {
    @Test
    void probe() throws Exception {
        try (DcomResponder r = DcomResponder.start("127.0.0.63")) {
            try {
                WmiClient.connect(r.address(), DcomResponder.DOMAIN, DcomResponder.USER, DcomResponder.PASSWORD,
                        "//./root/MicrosoftDFS", java.time.Duration.ofSeconds(5),
                        org.replprov.engines.windows.wmio.WmioCodec.standard()).close();
            } catch (Exception e) {
                System.out.println("FAILED " + e);
            }
            r.events().forEach(e -> System.out.println("EVENT " + e));
        }
    }
}
