package org.replprov.engines.windows.wsman;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.replprov.cim.CimClass;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimName;
import org.replprov.cim.CimProperty;
import org.replprov.cim.CimValue;
import org.replprov.xml.XmlElement;
import org.replprov.mof.MofCompiler;
import org.replprov.repository.ClassRepository;
import org.replprov.server.security.SelfSignedKeystore;
import org.replprov.wql.CompiledQuery;
import org.replprov.wql.Wql;

/**
 * A WS-Management service for WMI's {@code root/MicrosoftDfs}, as WinRM answers (MS-WSMV, DSP0226, DSP0227, DSP0230),
 * for tests: HTTPS on loopback with Basic authentication, or plain HTTP with NTLM and message encryption as WinRM's
 * default HTTP listener ({@link #startNtlm}, {@link NtlmListener}), Enumerate with the WQL dialect (evaluated by our WQL
 * engine), Pull paging with EnumerationContext and EndOfSequence, Release, Get by selectors, methods as custom actions,
 * and the faults Windows sends (access denied, invalid selectors, unknown class, bad filter, invalid context, timed
 * out), with the WSManFault detail carrying the WMI error code. Answers take the shapes of the recorded exchanges.
 * Faults and slowness are switched on by the test.
 */
public final class WsmanServer implements AutoCloseable {

    public static final String NAMESPACE = "root/MicrosoftDfs";
    public static final ClassRepository SCHEMA = MofCompiler.loadShippedSchema();
    static final String PREFIX = WsmanClient.WMI_RESOURCE_PREFIX + "root/microsoftdfs/";

    /** One method call as the server received it. */
    public record Invocation(String className, String method, Map<String, String> selectors,
                             Map<String, String> inputs) {
    }

    /** A method's behaviour: from the instance and the inputs, the outputs (ReturnValue included), as text. */
    @FunctionalInterface
    public interface MethodHandler extends BiFunction<CimInstance, Map<String, String>, Map<String, String>> {
    }

    private final HttpsServer server;
    private final NtlmListener ntlm;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "wsman-test-server");
        t.setDaemon(true);
        return t;
    });
    private final String user;
    private final String password;
    private final Path certificate;
    private final Map<CimName, List<CimInstance>> instances = new ConcurrentHashMap<>();
    private final Map<String, MethodHandler> methods = new ConcurrentHashMap<>();
    private final Map<String, Pending> contexts = new ConcurrentHashMap<>();
    private final AtomicInteger nextContext = new AtomicInteger(1);
    private final List<Invocation> invocations = new CopyOnWriteArrayList<>();
    private final List<String> actions = new CopyOnWriteArrayList<>();
    private volatile Duration delay = Duration.ZERO;
    private volatile boolean denied;
    private final java.util.Set<CimName> deniedClasses = ConcurrentHashMap.newKeySet();
    private volatile boolean timedOut;

    /** One certificate for every server of a test run: keytool takes a second or two per certificate. */
    private static SelfSignedKeystore keystore;

    private static synchronized SelfSignedKeystore keystore() throws IOException {
        if (keystore == null) {
            Path dir = Files.createTempDirectory("wsman-test-tls");
            keystore = SelfSignedKeystore.create(dir.resolve("wsman.p12"), List.of("localhost"),
                    List.of("127.0.0.1"), 2);
            for (Path p : List.of(keystore.keystore(), keystore.passwordFile(), keystore.certificate(), dir)) {
                p.toFile().deleteOnExit();
            }
        }
        return keystore;
    }

    private WsmanServer(Path dir, String user, String password) throws Exception {
        this.user = user;
        this.password = password;
        SelfSignedKeystore keystore = keystore();
        this.certificate = dir.resolve("wsman.pem");
        Files.copy(keystore.certificate(), certificate, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore.keystore())) {
            ks.load(in, keystore.password());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, keystore.password());
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.setHttpsConfigurator(new HttpsConfigurator(ssl));
        server.setExecutor(threads);
        server.createContext("/wsman", this::handle);
        server.start();
        ntlm = null;
    }

    private WsmanServer(NtlmAcceptor.Account account) throws IOException {
        this.user = account.user();
        this.password = account.password();
        this.certificate = null;
        this.server = null;
        this.ntlm = new NtlmListener(account, this::respond, threads);
    }

    /** A server in {@code dir} (its certificate is written there) accepting {@code user} with {@code password}. */
    public static WsmanServer start(Path dir, String user, String password) throws Exception {
        Files.createDirectories(dir);
        return new WsmanServer(dir, user, password);
    }

    /**
     * A server as WinRM's HTTP listener with its default service settings: plain HTTP, Negotiate (NTLM) only, and
     * AllowUnencrypted false: every message after the handshake sealed (MS-WSMV §2.2.9.1.1).
     */
    public static WsmanServer startNtlm(NtlmAcceptor.Account account) throws IOException {
        return new WsmanServer(account);
    }

    public URI endpoint() {
        return URI.create((ntlm != null ? "http" : "https") + "://127.0.0.1:" + port() + "/wsman");
    }

    public int port() {
        return ntlm != null ? ntlm.port() : server.getAddress().getPort();
    }

    /** The HTTP listener's connections and switches; only for a server from {@link #startNtlm}. */
    public NtlmListener ntlm() {
        return ntlm;
    }

    /** The server's certificate in PEM: what a client trusts. */
    public Path certificate() {
        return certificate;
    }

    public static CimClass cls(String name) {
        return SCHEMA.requireClass(NAMESPACE, CimName.of(name));
    }

    /** Serves exactly these instances of their class from now on. */
    public WsmanServer serve(String className, List<CimInstance> list) {
        instances.put(CimName.of(className), List.copyOf(list));
        return this;
    }

    /** Answers {@code Class.Method} with {@code handler}. */
    public WsmanServer method(String className, String method, MethodHandler handler) {
        methods.put(key(className, method), handler);
        return this;
    }

    /** Every answer waits this long first (a member that hangs). */
    public void delay(Duration d) {
        delay = d;
    }

    /** Every request is refused with wsman:AccessDenied (the account lacks rights on the namespace). */
    public void deny(boolean on) {
        denied = on;
    }

    /** Requests about {@code className} are refused with wsman:AccessDenied (no rights on that class). */
    public void deny(String className, boolean on) {
        if (on) {
            deniedClasses.add(CimName.of(className));
        } else {
            deniedClasses.remove(CimName.of(className));
        }
    }

    /** Every request is answered with wsman:TimedOut (the WMI provider did not answer within OperationTimeout). */
    public void timeOut(boolean on) {
        timedOut = on;
    }

    public List<Invocation> invocations() {
        return List.copyOf(invocations);
    }

    /** The actions received, in order. */
    public List<String> actions() {
        return List.copyOf(actions);
    }

    /** Enumeration contexts not yet drained or released. */
    public int openContexts() {
        return contexts.size();
    }

    @Override
    public void close() {
        if (ntlm != null) {
            ntlm.close();
        } else {
            server.stop(0);
        }
        threads.shutdownNow();
    }

    private static String key(String className, String method) {
        return className.toLowerCase(Locale.ROOT) + "." + method.toLowerCase(Locale.ROOT);
    }

    // ---- one exchange -------------------------------------------------------------------------------------------

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] request = ex.getRequestBody().readNBytes(1 << 20);
            if (!authorized(ex.getRequestHeaders().getFirst("Authorization"))) {
                ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"WSMAN\"");
                ex.sendResponseHeaders(401, -1);
                return;
            }
            Reply r = respond(request);
            if (r == null) {
                return;
            }
            ex.getResponseHeaders().add("Content-Type", "application/soap+xml;charset=UTF-8");
            ex.sendResponseHeaders(r.status(), r.soap().length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(r.soap());
            }
        }
    }

    /** An answer: its HTTP status and SOAP envelope. */
    record Reply(int status, byte[] soap) {
    }

    /**
     * The answer to one SOAP request, whatever the transport: after the configured delay, the operation's result or
     * a fault. Null when the server is stopping during the delay.
     */
    Reply respond(byte[] request) {
        if (!delay.isZero()) {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException stopping) {
                return null;
            }
        }
        Answer a;
        String messageId = "";
        try {
            XmlElement envelope = WsmanXml.parse(request, 10_000);
            XmlElement header = envelope.child(WsmanClient.SOAP, "Header").orElseThrow();
            XmlElement body = envelope.child(WsmanClient.SOAP, "Body").orElseThrow();
            messageId = text(header, WsmanClient.WSA, "MessageID");
            a = answer(text(header, WsmanClient.WSA, "Action"), text(header, WsmanClient.WSMAN, "ResourceURI"),
                    selectors(header), body);
        } catch (WsmanException | RuntimeException bad) {
            a = fault("s:Sender", "wsman:SchemaValidationError", "The SOAP XML in the message does not match "
                    + "the corresponding XML schema definition: " + bad.getMessage(), null);
        }
        return new Reply(a.status, envelope(a, messageId).getBytes(StandardCharsets.UTF_8));
    }

    private boolean authorized(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        String pair = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
        return pair.equals(user + ":" + password);
    }

    private static String text(XmlElement parent, String ns, String name) {
        return parent.child(ns, name).map(e -> e.text().strip()).orElse("");
    }

    private static Map<String, String> selectors(XmlElement header) {
        Map<String, String> s = new LinkedHashMap<>();
        header.child(WsmanClient.WSMAN, "SelectorSet").ifPresent(set -> set.children(WsmanClient.WSMAN, "Selector")
                .forEach(sel -> s.put(sel.attribute("Name").orElse(""), sel.text().strip())));
        return s;
    }

    /** What an enumeration context has left to give, and whether as endpoint references (EnumerateEPR). */
    private record Pending(List<CimInstance> rest, boolean epr) {
    }

    /** The answer's status, its action and its body XML. */
    private record Answer(int status, String action, String body) {
    }

    private Answer answer(String action, String resourceUri, Map<String, String> selectors, XmlElement body) {
        actions.add(action);
        if (denied) {
            return fault("s:Sender", "w:AccessDenied", "Access is denied.", 0x80070005L);
        }
        if (timedOut) {
            return fault("s:Receiver", "w:TimedOut", "The WS-Management service cannot complete the operation "
                    + "within the time specified in OperationTimeout.", 0x80338029L);
        }
        if (!resourceUri.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return fault("s:Sender", "wsa:DestinationUnreachable", "The WS-Management service cannot process the "
                    + "request. The resource URI is not valid.", 0x80338000L);
        }
        String className = resourceUri.substring(PREFIX.length());
        Optional<CimClass> cls = SCHEMA.getClass(NAMESPACE, CimName.of(className));
        if (cls.isEmpty()) {
            return fault("s:Sender", "wsa:DestinationUnreachable", "Invalid class", 0x80041010L);
        }
        if (deniedClasses.contains(cls.get().name())) {
            return fault("s:Sender", "w:AccessDenied", "Access is denied.", 0x80070005L);
        }
        String p = "xmlns:p=\"" + PREFIX + cls.get().name() + "\"";
        switch (action) {
            case WsmanClient.ENUMERATE -> {
                return enumerate(cls.get(), body, p);
            }
            case WsmanClient.PULL -> {
                return pull(body, p);
            }
            case WsmanClient.RELEASE -> {
                XmlElement release = body.child(WsmanClient.WSEN, "Release").orElseThrow();
                contexts.remove(text(release, WsmanClient.WSEN, "EnumerationContext"));
                return new Answer(200, WsmanClient.WSEN + "/ReleaseResponse", "");
            }
            case WsmanClient.GET -> {
                Object found = find(cls.get(), selectors);
                if (found instanceof Answer fault) {
                    return fault;
                }
                return new Answer(200, "http://schemas.xmlsoap.org/ws/2004/09/transfer/GetResponse",
                        instance((CimInstance) found, p));
            }
            default -> {
                String prefix = PREFIX + cls.get().name() + "/";
                if (!action.regionMatches(true, 0, prefix, 0, prefix.length())) {
                    return fault("s:Sender", "wsa:ActionNotSupported", "The action is not supported by the "
                            + "service.", 0x80338126L);
                }
                return invoke(cls.get(), action.substring(prefix.length()), selectors, body, p);
            }
        }
    }

    private Answer enumerate(CimClass cls, XmlElement body, String p) {
        XmlElement enumerate = body.child(WsmanClient.WSEN, "Enumerate").orElseThrow();
        List<CimInstance> all = instances.getOrDefault(cls.name(), List.of());
        Optional<XmlElement> filter = enumerate.child(WsmanClient.WSMAN, "Filter");
        List<CimInstance> selected = new ArrayList<>();
        if (filter.isPresent()) {
            String dialect = filter.get().attribute("Dialect").orElse("");
            if (!dialect.equals(WsmanClient.WQL_DIALECT)) {
                return fault("s:Sender", "wsen:FilterDialectRequestedUnavailable", "The requested filtering "
                        + "dialect is not supported.", 0x80338123L);
            }
            CompiledQuery q;
            try {
                q = Wql.parse(filter.get().text()).compile(SCHEMA, NAMESPACE);
            } catch (RuntimeException bad) {
                return fault("s:Sender", "wsen:CannotProcessFilter", "Invalid query", 0x80041017L);
            }
            if (!q.fromClass().name().equals(cls.name())) {
                return fault("s:Sender", "wsen:CannotProcessFilter", "The query's class is not the resource's",
                        0x80041017L);
            }
            all.stream().filter(q::matches).forEach(selected::add);
        } else {
            selected.addAll(all);
        }
        // DSP0226 §8: with OptimizeEnumeration, up to MaxElements items come in the EnumerateResponse.
        int first = enumerate.child(WsmanClient.WSMAN, "OptimizeEnumeration").isPresent()
                ? enumerate.child(WsmanClient.WSMAN, "MaxElements").map(e -> Integer.parseInt(e.text().strip()))
                .orElse(1) : 0;
        String mode = enumerate.child(WsmanClient.WSMAN, "EnumerationMode").map(e -> e.text().strip()).orElse("");
        if (!mode.isEmpty() && !mode.equals("EnumerateEPR")) {
            return fault("s:Sender", "wsman:UnsupportedFeature", "EnumerationMode " + mode, 0x80338101L);
        }
        String context = "uuid:ctx-" + nextContext.getAndIncrement();
        StringBuilder b = new StringBuilder("<wsen:EnumerateResponse><wsen:EnumerationContext>").append(context)
                .append("</wsen:EnumerationContext>");
        List<CimInstance> page = selected.subList(0, Math.min(first, selected.size()));
        if (first > 0) {
            b.append("<wsman:Items>");
            page.forEach(i -> b.append(item(i, p, !mode.isEmpty())));
            b.append("</wsman:Items>");
        }
        List<CimInstance> rest = selected.subList(page.size(), selected.size());
        if (first > 0 && rest.isEmpty()) {
            b.append("<wsman:EndOfSequence/>");
        } else {
            contexts.put(context, new Pending(List.copyOf(rest), !mode.isEmpty()));
        }
        b.append("</wsen:EnumerateResponse>");
        return new Answer(200, WsmanClient.WSEN + "/EnumerateResponse", b.toString());
    }

    private Answer pull(XmlElement body, String p) {
        XmlElement pull = body.child(WsmanClient.WSEN, "Pull").orElseThrow();
        String context = text(pull, WsmanClient.WSEN, "EnumerationContext");
        Pending pending = contexts.remove(context);
        if (pending == null) {
            return fault("s:Sender", "wsen:InvalidEnumerationContext", "The enumeration context supplied in the "
                    + "message is not valid.", 0x80338025L);
        }
        int max = pull.child(WsmanClient.WSEN, "MaxElements").map(e -> Integer.parseInt(e.text().strip())).orElse(1);
        List<CimInstance> rest = pending.rest();
        List<CimInstance> page = rest.subList(0, Math.min(max, rest.size()));
        StringBuilder b = new StringBuilder("<wsen:PullResponse>");
        List<CimInstance> left = rest.subList(page.size(), rest.size());
        if (!left.isEmpty()) {
            // a fresh context for the next Pull, as WS-Enumeration §3.2 allows
            String next = "uuid:ctx-" + nextContext.getAndIncrement();
            contexts.put(next, new Pending(List.copyOf(left), pending.epr()));
            b.append("<wsen:EnumerationContext>").append(next).append("</wsen:EnumerationContext>");
        }
        b.append("<wsen:Items>");
        page.forEach(i -> b.append(item(i, p, pending.epr())));
        b.append("</wsen:Items>");
        if (left.isEmpty()) {
            b.append("<wsen:EndOfSequence/>");
        }
        b.append("</wsen:PullResponse>");
        return new Answer(200, WsmanClient.WSEN + "/PullResponse", b.toString());
    }

    /** The instance the selectors name, or the fault WinRM sends. */
    private Object find(CimClass cls, Map<String, String> selectors) {
        for (String name : selectors.keySet()) {
            if (cls.property(name).filter(CimProperty::isKey).isEmpty()) {
                return fault("s:Sender", "w:InvalidSelectors", "The WS-Management service cannot process the "
                        + "request because the request contained invalid selectors for the resource.", 0x80338001L);
            }
        }
        if (selectors.isEmpty() && !cls.isSingleton()) {
            return fault("s:Sender", "w:InvalidSelectors", "Insufficient selectors.", 0x80338001L);
        }
        for (CimInstance i : instances.getOrDefault(cls.name(), List.of())) {
            boolean all = true;
            for (Map.Entry<String, String> s : selectors.entrySet()) {
                CimValue v = i.value(s.getKey());
                all &= v != null && v.text().equalsIgnoreCase(s.getValue());
            }
            if (all) {
                return i;
            }
        }
        return fault("s:Sender", "wsa:DestinationUnreachable", "Not found", 0x80041002L);
    }

    private Answer invoke(CimClass cls, String method, Map<String, String> selectors, XmlElement body, String p) {
        MethodHandler handler = methods.get(key(cls.name().toString(), method));
        if (cls.method(CimName.of(method)).isEmpty() || handler == null) {
            return fault("s:Sender", "wsa:ActionNotSupported", "Invalid method", 0x8004102EL);
        }
        Object found = find(cls, selectors);
        if (found instanceof Answer fault) {
            return fault;
        }
        XmlElement input = body.children().stream().findFirst().orElseThrow();
        if (!input.name().equals(method + "_INPUT")) {
            return fault("s:Sender", "wsman:SchemaValidationError", "expected " + method + "_INPUT", null);
        }
        Map<String, String> inputs = new LinkedHashMap<>();
        input.children().forEach(c -> inputs.put(c.name(), c.text()));
        invocations.add(new Invocation(cls.name().toString(), method, Map.copyOf(selectors), Map.copyOf(inputs)));
        Map<String, String> out = handler.apply((CimInstance) found, inputs);
        StringBuilder b = new StringBuilder("<p:").append(method).append("_OUTPUT ").append(p).append('>');
        out.forEach((n, v) -> b.append("<p:").append(n).append('>').append(WsmanValues.escape(v)).append("</p:")
                .append(n).append('>'));
        b.append("</p:").append(method).append("_OUTPUT>");
        return new Answer(200, PREFIX + cls.name() + "/" + method + "Response", b.toString());
    }

    /** An enumerated item: the instance, or its endpoint reference (DSP0226 §8, EnumerateEPR). */
    private static String item(CimInstance i, String p, boolean epr) {
        if (!epr) {
            return instance(i, p);
        }
        StringBuilder b = new StringBuilder("<wsa:EndpointReference><wsa:Address>").append(WsmanClient.ANONYMOUS)
                .append("</wsa:Address><wsa:ReferenceParameters><wsman:ResourceURI>").append(PREFIX)
                .append(i.className()).append("</wsman:ResourceURI><wsman:SelectorSet>");
        for (CimProperty key : i.cimClass().keys()) {
            b.append("<wsman:Selector Name=\"").append(key.name()).append("\">")
                    .append(WsmanValues.escape(i.value(key.name()).text())).append("</wsman:Selector>");
        }
        return b.append("</wsman:SelectorSet></wsa:ReferenceParameters></wsa:EndpointReference>").toString();
    }

    /** An instance as DSP0230 renders it, in the class's property order, as the recorded answers show. */
    static String instance(CimInstance i, String p) {
        StringBuilder b = new StringBuilder("<p:").append(i.className()).append(' ').append(p)
                .append(" xmlns:xsi=\"").append(WsmanValues.XSI).append("\">");
        for (CimProperty prop : i.cimClass().properties()) {
            CimValue v = i.value(prop.name());
            String n = prop.name().toString();
            if (v == null) {
                b.append("<p:").append(n).append(" xsi:nil=\"true\"/>");
            } else if (v instanceof CimValue.Array a) {
                a.elements().forEach(e -> b.append("<p:").append(n).append('>')
                        .append(WsmanValues.escape(WsmanValues.text(e))).append("</p:").append(n).append('>'));
            } else {
                b.append("<p:").append(n).append('>').append(WsmanValues.escape(WsmanValues.text(v)))
                        .append("</p:").append(n).append('>');
            }
        }
        return b.append("</p:").append(i.className()).append('>').toString();
    }

    /**
     * A fault as WinRM sends it: the SOAP 1.2 code and subcode, the reason, and the MS-WSMV WSManFault detail with
     * the error code (for WMI errors, the WBEMSTATUS).
     */
    static Answer fault(String code, String subcode, String reason, Long errorCode) {
        String detail = errorCode == null ? "" : "<s:Detail><f:WSManFault xmlns:f=\"" + WsmanClient.WSMAN_FAULT
                + "\" Code=\"" + errorCode + "\" Machine=\"127.0.0.1\"><f:Message>" + WsmanValues.escape(reason)
                + "</f:Message></f:WSManFault></s:Detail>";
        return new Answer(500, "http://schemas.dmtf.org/wbem/wsman/1/wsman/fault",
                "<s:Fault><s:Code><s:Value>" + code + "</s:Value><s:Subcode><s:Value>" + subcode
                        + "</s:Value></s:Subcode></s:Code><s:Reason><s:Text xml:lang=\"en-US\">"
                        + WsmanValues.escape(reason) + "</s:Text></s:Reason>" + detail + "</s:Fault>");
    }

    private static String envelope(Answer a, String relatesTo) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><s:Envelope xmlns:s=\"" + WsmanClient.SOAP
                + "\" xmlns:wsa=\"" + WsmanClient.WSA + "\" xmlns:wsen=\"" + WsmanClient.WSEN + "\" xmlns:wsman=\""
                + WsmanClient.WSMAN + "\" xmlns:w=\"" + WsmanClient.WSMAN + "\"><s:Header><wsa:Action>" + a.action
                + "</wsa:Action><wsa:RelatesTo>" + WsmanValues.escape(relatesTo) + "</wsa:RelatesTo><wsa:To>"
                + WsmanClient.ANONYMOUS + "</wsa:To></s:Header><s:Body>" + a.body + "</s:Body></s:Envelope>";
    }
}
