package org.replprov.engines.windows.dcom;

import java.io.IOException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jinterop.dcom.common.JIException;
import org.jinterop.dcom.core.IJIComObject;
import org.jinterop.dcom.core.JIArray;
import org.jinterop.dcom.core.JICallBuilder;
import org.jinterop.dcom.core.JIClsid;
import org.jinterop.dcom.core.JIComServer;
import org.jinterop.dcom.core.JIFlags;
import org.jinterop.dcom.core.JIPointer;
import org.jinterop.dcom.core.JISession;
import org.jinterop.dcom.core.JIString;
import org.jinterop.dcom.core.JIStruct;
import org.replprov.engines.windows.wmio.ClassDefinition;
import org.replprov.engines.windows.wmio.ObjectBlock;
import org.replprov.engines.windows.wmio.WmioCodec;
import org.replprov.engines.windows.wmio.WmioFormatException;
import org.replprov.engines.windows.wmio.WmioInstance;

/**
 * MS-WMI over DCOM to one Windows host, with j-interop-ng for DCE/RPC, NTLMv2 and DCOM only.
 *
 * <p>Connecting activates {@code CLSID_WbemLevel1Login} (MS-WMI §3.1.4.1; no registry entries are needed, unlike
 * {@code WbemScripting.SWbemLocator}) at packet privacy ({@link JInteropShim}), then
 * {@code IWbemLevel1Login::NTLMLogin} (opnum 6) gives the namespace's {@code IWbemServices}. Queries use
 * {@code ExecQuery} (opnum 20, forward-only, return-immediately) and the smart enumerator
 * ({@code IWbemFetchSmartEnum::GetSmartEnum}, {@code IWbemWCOSmartEnum::Next}, §3.1.4.6, §3.1.4.7), whose answer is a
 * plain ObjectArray of MS-WMIO objects ({@link ObjectArrays}) — j-Interop itself cannot unmarshal the
 * {@code OBJREF_CUSTOM} objects of {@code IEnumWbemClassObject::Next}. Methods use {@code ExecMethod} (opnum 24,
 * §3.1.4.3.22) with in-parameters encoded by the project's MS-WMIO codec and wrapped in an {@code OBJREF_CUSTOM}
 * by hand. j-Interop numbers opnums after IUnknown's three.
 *
 * <p>Not thread-safe: one caller at a time per client.
 */
public final class WmiClient implements AutoCloseable {

    static final String CLSID_WBEM_LEVEL1_LOGIN = "8BC3F05E-D86B-11D0-A075-00C04FB68820";
    static final String IID_IWBEM_LEVEL1_LOGIN = "F309AD18-D86A-11d0-A075-00C04FB68820";
    static final String IID_IWBEM_FETCH_SMART_ENUM = "1C1C45EE-4395-11d2-B60B-00104B703EFD";
    static final String CLSID_WBEM_CLASS_OBJECT = "4590F812-1D3A-11D0-891F-00AA004B2E24";
    static final String IID_IWBEM_CLASS_OBJECT = "DC12A681-737F-11CF-884D-00AA004B2E24";
    /** WBEM_FLAG_RETURN_IMMEDIATELY | WBEM_FLAG_FORWARD_ONLY (MS-WMI §2.2.3). */
    static final int QUERY_FLAGS = 0x10 | 0x20;
    static final int WBEM_S_FALSE = 1;
    static final int WBEM_S_TIMEDOUT = 0x40004;
    /** Objects asked for per IWbemWCOSmartEnum::Next. */
    static final int BATCH = 100;

    private final JISession session;
    private final IJIComObject services;
    private final WmioCodec codec;
    private final int timeoutMillis;

    private WmiClient(JISession session, IJIComObject services, WmioCodec codec, int timeoutMillis) {
        this.session = session;
        this.services = services;
        this.codec = codec;
        this.timeoutMillis = timeoutMillis;
    }

    /**
     * Activates, logs in and opens {@code namespace} (as {@code //./root/MicrosoftDFS}) on {@code host}.
     *
     * @param timeout per call (socket timeout of every exchange)
     */
    public static WmiClient connect(String host, String domain, String user, String password, String namespace,
                                    Duration timeout, WmioCodec codec) throws DcomException {
        Objects.requireNonNull(password, "password");
        JInteropShim.ensure();
        int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
        JISession session = Sessions.create(domain, user, password);
        session.setGlobalSocketTimeout(millis);
        session.useNTLMv2(true);
        session.useSessionSecurity(true); // calls on the activated objects at packet privacy too
        try {
            JIComServer server = new JIComServer(JIClsid.valueOf(CLSID_WBEM_LEVEL1_LOGIN), host, session);
            IJIComObject unknown = server.createInstance();
            IJIComObject login = unknown.queryInterface(IID_IWBEM_LEVEL1_LOGIN);
            JICallBuilder call = new JICallBuilder(true);
            call.setOpnum(6 - 3);
            // [in, unique, string] LPWSTR: j-Interop marshals a bare JIString as [ref], so the pointer is explicit
            call.addInParamAsPointer(new JIPointer(new JIString(namespace, JIFlags.FLAG_REPRESENTATION_STRING_LPWSTR)),
                    JIFlags.FLAG_NULL);
            call.addInParamAsPointer(new JIPointer(null), JIFlags.FLAG_NULL); // wszPreferredLocale
            call.addInParamAsInt(0, JIFlags.FLAG_NULL);
            call.addInParamAsPointer(new JIPointer(null), JIFlags.FLAG_NULL); // pCtx
            call.addOutParamAsType(IJIComObject.class, JIFlags.FLAG_NULL);
            IJIComObject services = (IJIComObject) login.call(call)[0];
            return new WmiClient(session, services, codec, millis);
        } catch (JIException e) {
            Sessions.destroy(session);
            throw failure("connecting to " + host, e);
        } catch (UnknownHostException e) {
            Sessions.destroy(session);
            throw new DcomException(DcomException.Kind.TRANSPORT, 0, "unknown host " + host, e);
        } catch (RuntimeException e) {
            Sessions.destroy(session);
            throw new DcomException(DcomException.Kind.TRANSPORT, 0, "connecting to " + host + ": " + e, e);
        }
    }

    /** The instances a WQL query returns. */
    public List<WmioInstance> query(String wql) throws DcomException {
        try {
            JICallBuilder exec = new JICallBuilder(true);
            exec.setOpnum(20 - 3);
            exec.addInParamAsString("WQL", JIFlags.FLAG_REPRESENTATION_STRING_BSTR);
            exec.addInParamAsString(wql, JIFlags.FLAG_REPRESENTATION_STRING_BSTR);
            exec.addInParamAsInt(QUERY_FLAGS, JIFlags.FLAG_NULL);
            exec.addInParamAsPointer(new JIPointer(null), JIFlags.FLAG_NULL);
            exec.addOutParamAsType(IJIComObject.class, JIFlags.FLAG_NULL);
            IJIComObject enumerator = (IJIComObject) services.call(exec)[0];
            IJIComObject fetch = enumerator.queryInterface(IID_IWBEM_FETCH_SMART_ENUM);
            JICallBuilder get = new JICallBuilder(true);
            get.setOpnum(3 - 3);
            get.addOutParamAsType(IJIComObject.class, JIFlags.FLAG_NULL);
            IJIComObject smart = (IJIComObject) fetch.call(get)[0];
            String proxy = UUID.randomUUID().toString();
            Map<String, ClassDefinition> classes = new HashMap<>();
            List<WmioInstance> out = new ArrayList<>();
            while (true) {
                JICallBuilder next = new JICallBuilder(true);
                next.setOpnum(3 - 3);
                next.addInParamAsUUID(proxy, JIFlags.FLAG_NULL);
                next.addInParamAsInt(timeoutMillis, JIFlags.FLAG_NULL);
                next.addInParamAsInt(BATCH, JIFlags.FLAG_NULL);
                next.addOutParamAsType(Integer.class, JIFlags.FLAG_NULL);
                next.addOutParamAsType(Integer.class, JIFlags.FLAG_NULL);
                next.addOutParamAsObject(new JIPointer(new JIArray(Byte.class, null, 1, true)), JIFlags.FLAG_NULL);
                Object[] results;
                int status = 0;
                try {
                    results = smart.call(next);
                } catch (JIException e) {
                    status = e.getErrorCode();
                    if (status != WBEM_S_FALSE && status != WBEM_S_TIMEDOUT) {
                        throw e;
                    }
                    results = next.getResultsInCaseOfException();
                }
                if (status == WBEM_S_TIMEDOUT) {
                    throw new DcomException(DcomException.Kind.WBEM, WBEM_S_TIMEDOUT,
                            "the query timed out on the server: " + DcomException.hex(WBEM_S_TIMEDOUT), null);
                }
                int returned = results == null ? 0 : (Integer) results[0];
                if (returned > 0) {
                    out.addAll(ObjectArrays.read(bytes(results[2]), codec, classes));
                }
                if (status == WBEM_S_FALSE || returned == 0) {
                    release(smart, fetch, enumerator);
                    return out;
                }
            }
        } catch (JIException e) {
            throw failure("query " + wql, e);
        } catch (RuntimeException e) {
            throw new DcomException(DcomException.Kind.PROTOCOL, 0, "query " + wql + ": " + e, e);
        }
    }

    /**
     * Calls {@code method} of the object at {@code objectPath} ({@code Class.Key="value"}) with {@code inParams}
     * (an instance of the method's input signature, or null) and returns the out-parameters with ReturnValue.
     */
    public WmioInstance execMethod(String objectPath, String method, WmioInstance inParams) throws DcomException {
        try {
            JICallBuilder call = new JICallBuilder(true);
            call.setOpnum(24 - 3);
            call.addInParamAsString(objectPath, JIFlags.FLAG_REPRESENTATION_STRING_BSTR);
            call.addInParamAsString(method, JIFlags.FLAG_REPRESENTATION_STRING_BSTR);
            call.addInParamAsInt(0, JIFlags.FLAG_NULL);
            call.addInParamAsPointer(new JIPointer(null), JIFlags.FLAG_NULL); // pCtx
            if (inParams == null) {
                call.addInParamAsPointer(new JIPointer(null), JIFlags.FLAG_NULL);
            } else {
                byte[] ref = ObjRefs.custom(codec.encodeEncodingUnit(ObjectBlock.of(null, inParams)));
                call.addInParamAsPointer(new JIPointer(interfacePointer(ref)), JIFlags.FLAG_NULL);
            }
            // ppOutParams: a pointer to a NULL pointer (the server fills it); ppCallResult: NULL (synchronous call)
            call.addInParamAsPointer(new JIPointer(new JIPointer(null)), JIFlags.FLAG_NULL);
            call.addInParamAsPointer(new JIPointer(null), JIFlags.FLAG_NULL);
            JIStruct out = new JIStruct();
            out.addMember(Integer.class);
            out.addMember(new JIArray(Byte.class, null, 1, true));
            // ppOutParams comes back as a unique pointer to a unique pointer to the MInterfacePointer; j-Interop
            // misreads a pointer to a pointer, so the outer referent id is read as a plain integer.
            call.addOutParamAsType(Integer.class, JIFlags.FLAG_NULL);
            call.addOutParamAsObject(new JIPointer(out), JIFlags.FLAG_NULL);
            call.addOutParamAsType(Integer.class, JIFlags.FLAG_NULL); // ppCallResult, NULL
            Object[] results = services.call(call);
            JIPointer inner = (JIPointer) results[1];
            if ((Integer) results[0] == 0 || inner == null || inner.isNull()) {
                throw new DcomException(DcomException.Kind.PROTOCOL, 0, method + " returned no out-parameters", null);
            }
            JIStruct data = (JIStruct) inner.getReferent();
            byte[] objref = bytes(data.getMember(1));
            ObjectBlock block = codec.decodeEncodingUnit(ObjRefs.customData(objref));
            if (!(block.object() instanceof WmioInstance instance)) {
                throw new DcomException(DcomException.Kind.PROTOCOL, 0, method + " returned a class", null);
            }
            return instance;
        } catch (JIException e) {
            throw failure(method + " on " + objectPath, e);
        } catch (WmioFormatException e) {
            throw new DcomException(DcomException.Kind.PROTOCOL, 0, method + " out-parameters: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new DcomException(DcomException.Kind.PROTOCOL, 0, method + " on " + objectPath + ": " + e, e);
        }
    }

    private static JIStruct interfacePointer(byte[] data) throws JIException {
        JIStruct s = new JIStruct();
        s.addMember(data.length);
        Byte[] boxed = new Byte[data.length];
        for (int i = 0; i < data.length; i++) {
            boxed[i] = data[i];
        }
        s.addMember(new JIArray(boxed, true));
        return s;
    }

    private static byte[] bytes(Object pointerOrArray) {
        Object o = pointerOrArray instanceof JIPointer p ? p.getReferent() : pointerOrArray;
        Byte[] boxed = (Byte[]) ((JIArray) o).getArrayInstance();
        byte[] out = new byte[boxed.length];
        for (int i = 0; i < boxed.length; i++) {
            out[i] = boxed[i];
        }
        return out;
    }

    private static void release(IJIComObject... objects) {
        for (IJIComObject o : objects) {
            try {
                o.release();
            } catch (JIException | RuntimeException e) {
                // Releasing is a courtesy; the session's end releases what remains.
            }
        }
    }

    static DcomException failure(String what, JIException e) {
        int code = e.getErrorCode();
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            if (c instanceof java.net.SocketTimeoutException) {
                return new DcomException(DcomException.Kind.TIMEOUT, 0, what + ": no answer in time", e);
            }
        }
        Throwable cause = e.getCause();
        if (cause instanceof IOException || code == 0) {
            return new DcomException(DcomException.Kind.TRANSPORT, 0, what + ": " + e.getMessage(), e);
        }
        return DcomException.status(code, what, e);
    }

    @Override
    public void close() {
        release(services);
        Sessions.destroy(session);
    }
}
