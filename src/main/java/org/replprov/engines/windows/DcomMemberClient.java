package org.replprov.engines.windows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.replprov.cim.CimClass;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimName;
import org.replprov.cim.CimProperty;
import org.replprov.cim.CimValue;
import org.replprov.drsr.Win32Error;
import org.replprov.engines.windows.dcom.DcomException;
import org.replprov.engines.windows.dcom.WmiClient;
import org.replprov.engines.windows.wmio.ClassDefinition;
import org.replprov.engines.windows.wmio.MethodDefinition;
import org.replprov.engines.windows.wmio.PropertyDefinition;
import org.replprov.engines.windows.wmio.WmioCim;
import org.replprov.engines.windows.wmio.WmioCodec;
import org.replprov.engines.windows.wmio.WmioInstance;
import org.replprov.engines.windows.wmio.WmioValue;
import org.replprov.engines.windows.wsman.MethodResult;

/**
 * The DCOM transport: MS-WMI through {@link WmiClient}, connected on first use and again after a transport failure.
 * Calls are serialized (the member's poll and backlog threads share one DCOM session); each waits at most the call
 * timeout.
 */
final class DcomMemberClient implements MemberClient {

    /** MS-WMI addresses a namespace on the server itself as {@code //./root/...}. */
    static final String NAMESPACE = "//./root/MicrosoftDfs";

    private final WindowsDfsrSettings.Dcom settings;
    private WmiClient client;

    DcomMemberClient(WindowsDfsrSettings.Dcom settings) {
        this.settings = settings;
    }

    private WmiClient client() throws DcomException {
        if (client == null) {
            client = WmiClient.connect(settings.host(), settings.domain(), settings.user(), settings.password(),
                    NAMESPACE, settings.callTimeout(), WmioCodec.standard());
        }
        return client;
    }

    @Override
    public synchronized List<CimInstance> enumerate(CimClass cls, String wql) throws Failure {
        try {
            List<CimInstance> out = new ArrayList<>();
            for (WmioInstance i : client().query(wql)) {
                out.add(typed(cls, i));
            }
            return out;
        } catch (DcomException e) {
            throw failure(e);
        }
    }

    /** The values of the shipped class's properties, as Windows sent them; others are left out. */
    private static CimInstance typed(CimClass cls, WmioInstance i) {
        CimInstance.Builder b = CimInstance.builder(cls);
        for (CimProperty p : cls.properties()) {
            WmioValue v = i.value(p.name().toString());
            if (v instanceof WmioValue.Data d && d.value().dataType().equals(p.dataType())) {
                b.set(p.name().toString(), d.value());
            }
        }
        return b.build();
    }

    @Override
    public synchronized MethodResult invoke(CimClass cls, String method, Map<String, String> keys,
                                            Map<String, CimValue> in) throws Failure {
        MethodDefinition m = WmioCim.toWmioClass(cls).method(method).orElseThrow(
                () -> new IllegalArgumentException(cls.name() + " has no method " + method));
        WmioInstance params = null;
        if (m.inParameters().isPresent()) {
            Map<String, WmioValue> values = new LinkedHashMap<>();
            in.forEach((k, v) -> values.put(k, WmioValue.of(v)));
            params = WmioInstance.of(m.inParameters().get(), values);
        }
        StringBuilder path = new StringBuilder(cls.name().toString());
        String sep = ".";
        for (Map.Entry<String, String> k : keys.entrySet()) {
            path.append(sep).append(k.getKey()).append("=\"")
                    .append(k.getValue().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            sep = ",";
        }
        try {
            WmioInstance out = client().execMethod(path.toString(), method, params);
            CimValue rv = null;
            Map<CimName, CimValue> outputs = new LinkedHashMap<>();
            ClassDefinition outClass = out.currentClass();
            for (PropertyDefinition p : outClass.properties()) {
                if (out.value(p.name()) instanceof WmioValue.Data d) {
                    if (p.name().equalsIgnoreCase(WmioCim.RETURN_VALUE)) {
                        rv = d.value();
                    } else {
                        outputs.put(CimName.of(p.name()), d.value());
                    }
                }
            }
            return new MethodResult(rv, outputs);
        } catch (DcomException e) {
            throw failure(e);
        }
    }

    private Failure failure(DcomException e) {
        return switch (e.kind()) {
            case WBEM, HRESULT -> {
                boolean denied = e.code() == 0x80070005L || e.code() == 0x00000005L || e.code() == 0x80041003L;
                yield new Failure(denied ? Kind.AUTHENTICATION : Kind.FAULT, e.code(), e.code(), e.getMessage(), e);
            }
            case TIMEOUT -> {
                drop();
                yield new Failure(Kind.TIMEOUT, null, Win32Error.ERROR_TIMEOUT.code(), e.getMessage(), e);
            }
            case TRANSPORT -> {
                drop();
                yield new Failure(Kind.UNREACHABLE, null, Win32Error.RPC_S_SERVER_UNAVAILABLE.code(), e.getMessage(),
                        e);
            }
            default -> {
                drop();
                yield new Failure(Kind.UNREACHABLE, null, Win32Error.RPC_S_SERVER_UNAVAILABLE.code(), e.getMessage(),
                        e);
            }
        };
    }

    /** Forgets the session so that the next call connects afresh. */
    private void drop() {
        if (client != null) {
            client.close();
            client = null;
        }
    }

    @Override
    public synchronized void close() {
        drop();
    }
}
