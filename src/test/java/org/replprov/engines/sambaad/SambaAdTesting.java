package org.replprov.engines.sambaad;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.replprov.config.ConfigNode;
import org.replprov.drsr.DsTime;
import org.replprov.engine.spi.RepsToStore;
import org.replprov.testing.SambaDomain;
import org.replprov.testing.SambaDomain.DomainController;
import org.replprov.time.Scheduler;

/** Engines over the test domain's DCs, as a configuration would make them. */
public final class SambaAdTesting {

    private SambaAdTesting() {
    }

    /** The settings of an engine for {@code dc}: LDAPS through the test's forwarder, samba-tool in its namespaces. */
    public static Map<String, Object> settings(SambaDomain domain, DomainController dc, Path passwordFile,
                                        Duration pollInterval) throws IOException {
        if (!Files.exists(passwordFile)) {
            Files.writeString(passwordFile, domain.adminPassword() + "\n");
        }
        Map<String, Object> partners = new LinkedHashMap<>();
        for (DomainController other : domain.controllers()) {
            if (other != dc) {
                partners.put(other.hostName(), Map.of("url", other.ldapsUrl().toString(), "caFile",
                        other.caFile().toString(), "tlsHostName", other.hostName()));
            }
        }
        List<String> tool = new java.util.ArrayList<>(dc.commandPrefix());
        tool.add("samba-tool");
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("url", dc.ldapsUrl().toString());
        s.put("user", domain.adminUpn());
        s.put("passwordFile", passwordFile.toString());
        s.put("caFile", dc.caFile().toString());
        s.put("tlsHostName", dc.hostName());
        s.put("pollInterval", pollInterval.toMillis() + "ms");
        s.put("sambaTool", tool);
        s.put("sambaToolOptions", List.of("-s", dc.smbConf().toString()));
        s.put("commandTimeout", "60s");
        s.put("partners", partners);
        return s;
    }

    static SambaAdEngine engine(Map<String, Object> settings, Path stateDirectory, Scheduler scheduler,
                                Optional<RepsToStore> repsTo) throws IOException {
        Files.createDirectories(stateDirectory);
        SambaAdSettings parsed = SambaAdSettings.parse(ConfigNode.of("test", "engines.ad", settings), n -> null);
        return new SambaAdEngine("ad", parsed, scheduler, repsTo, stateDirectory);
    }

    /** A time as {@code samba-tool drs showrepl} prints it (Samba's timestring(): ctime-like, local zone). */
    public static String sambaTime(DsTime t) {
        Optional<Instant> i = t.toInstant();
        if (i.isEmpty()) {
            return "NTTIME(0)";
        }
        return DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy zzz", Locale.ENGLISH)
                .withZone(ZoneId.systemDefault()).format(i.get());
    }
}
