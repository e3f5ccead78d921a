package org.replprov.engines.windows;

import java.util.List;
import java.util.Map;
import org.replprov.cim.CimClass;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimValue;
import org.replprov.engines.windows.wsman.MethodResult;
import org.replprov.engines.windows.wsman.WsmanClient;
import org.replprov.drsr.Win32Error;
import org.replprov.engines.windows.wsman.WsmanException;

/** The WS-Management transport: {@link WsmanClient} on {@code root/MicrosoftDfs}. */
final class WsmanMemberClient implements MemberClient {

    private final WsmanClient client;

    WsmanMemberClient(WsmanClient client) {
        this.client = client;
    }

    @Override
    public List<CimInstance> enumerate(CimClass cls, String wql) throws Failure {
        try {
            return client.enumerate(WindowsDfsrEngine.NAMESPACE, cls, wql);
        } catch (WsmanException e) {
            throw failure(e);
        }
    }

    @Override
    public MethodResult invoke(CimClass cls, String method, Map<String, String> keys, Map<String, CimValue> in)
            throws Failure {
        try {
            return client.invoke(WindowsDfsrEngine.NAMESPACE, cls, method, keys, in);
        } catch (WsmanException e) {
            throw failure(e);
        }
    }

    private static Failure failure(WsmanException e) {
        return switch (e.kind()) {
            case FAULT -> new Failure(Kind.FAULT, e.code().isPresent() ? e.code().getAsLong() : null,
                    e.code().orElse(e.status().code() & 0xFFFF_FFFFL), e.getMessage(), e);
            case TIMEOUT -> new Failure(Kind.TIMEOUT, null, Win32Error.ERROR_TIMEOUT.code(), e.getMessage(), e);
            case AUTHENTICATION -> new Failure(Kind.AUTHENTICATION, null, Win32Error.ERROR_ACCESS_DENIED.code(),
                    e.getMessage(), e);
            default -> new Failure(Kind.UNREACHABLE, null, Win32Error.RPC_S_SERVER_UNAVAILABLE.code(),
                    e.getMessage(), e);
        };
    }

    @Override
    public void close() {
        client.close();
    }
}
