package org.replprov.engines.windows.wsman;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.replprov.cim.CimClass;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimMethod;
import org.replprov.cim.CimName;
import org.replprov.cim.CimParameter;
import org.replprov.cim.CimValue;
import org.replprov.xml.XmlElement;

/**
 * A small WS-Management client for WMI classes on Windows (MS-WSMV), on the JDK's HTTP client: Enumerate with a WQL
 * filter, Pull and Release (DSP0226 §8, WS-Enumeration), Get (DSP0226 §7, WS-Transfer), and method invocation as a
 * custom action (DSP0226 §9, DSP0227 §11: action {@code <resourceURI>/<Method>}, body {@code <p:Method_INPUT>}).
 * Messages are SOAP 1.2 with WS-Addressing (DSP0226 §5); values are typed from the class's declaration
 * ({@link WsmanValues}).
 *
 * <p>Two ways in ({@link WsmanSettings#auth()}): HTTPS with Basic authentication (the credentials go in every
 * request's header), or NTLMv2 over plain HTTP with every message sealed and signed (MS-WSMV §2.2.9.1.1, on one
 * persistent connection of its own). Credentials are never logged. Each call is bounded in time
 * ({@link WsmanSettings#callTimeout()}, answer included) and in size ({@link WsmanSettings#maxResponseBytes()}).
 * Thread-safe; with NTLM the calls take turns on the one connection. {@link #close()} releases that connection.
 */
public final class WsmanClient implements AutoCloseable {

    static final String SOAP = "http://www.w3.org/2003/05/soap-envelope";
    static final String WSA = "http://schemas.xmlsoap.org/ws/2004/08/addressing";
    static final String WSEN = "http://schemas.xmlsoap.org/ws/2004/09/enumeration";
    static final String WSMAN = "http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd";
    static final String WSMAN_FAULT = "http://schemas.microsoft.com/wbem/wsman/1/wsmanfault";
    static final String ANONYMOUS = WSA + "/role/anonymous";
    /** The WQL filter dialect WinRM accepts for WMI resources (MS-WSMV). */
    public static final String WQL_DIALECT = "http://schemas.microsoft.com/wbem/wsman/1/WQL";
    /** The prefix of every WMI resource URI: {@code …/wmi/<namespace path>/<class>} (MS-WSMV). */
    public static final String WMI_RESOURCE_PREFIX = "http://schemas.microsoft.com/wbem/wsman/1/wmi/";

    static final String ENUMERATE = WSEN + "/Enumerate";
    static final String PULL = WSEN + "/Pull";
    static final String RELEASE = WSEN + "/Release";
    static final String GET = "http://schemas.xmlsoap.org/ws/2004/09/transfer/Get";

    /** Elements per byte of answer: no honest answer comes close; it keeps a hostile one's tree small. */
    private static final int BYTES_PER_ELEMENT = 8;

    private final WsmanSettings settings;
    private final WsmanTransport transport;

    public WsmanClient(WsmanSettings settings) {
        this.settings = settings;
        this.transport = settings.auth() == WsmanAuth.NTLM ? new NtlmTransport(settings) : new BasicTransport(settings);
    }

    public WsmanSettings settings() {
        return settings;
    }

    /** Closes the NTLM transport's connection; a later call opens (and authenticates) a new one. */
    @Override
    public void close() {
        transport.close();
    }

    /** The WMI resource URI of {@code className} in {@code namespace} ({@code root/MicrosoftDfs}). */
    public static String resourceUri(String namespace, CimName className) {
        return WMI_RESOURCE_PREFIX + namespace.replace('\\', '/').toLowerCase(Locale.ROOT) + "/" + className;
    }

    /**
     * A TLS context trusting exactly the certificates in a PEM file (a CA, or the server's own certificate).
     *
     * @throws IOException when the file cannot be read or holds no certificate
     */
    public static SSLContext trusting(Path pemFile) throws IOException {
        try (InputStream in = Files.newInputStream(pemFile)) {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certs.isEmpty()) {
                throw new IOException(pemFile + " holds no certificate");
            }
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            int i = 0;
            for (Certificate c : certs) {
                trust.setCertificateEntry("ca" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, tmf.getTrustManagers(), null);
            return ssl;
        } catch (GeneralSecurityException e) {
            throw new IOException(pemFile + ": not a PEM certificate file: " + e.getMessage(), e);
        }
    }

    // ---- operations -----------------------------------------------------------------------------------------------

    /**
     * Every instance a WQL query selects from {@code cls}: Enumerate with the WQL filter, then Pull until
     * EndOfSequence (WS-Enumeration §3; with DSP0226's OptimizeEnumeration the first page comes in the
     * EnumerateResponse). An enumeration given up early (too many items, a bad answer) is released (DSP0226 §8).
     */
    public List<CimInstance> enumerate(String namespace, CimClass cls, String wql) throws WsmanException {
        String uri = resourceUri(namespace, cls.name());
        String body = "<wsen:Enumerate><wsman:OptimizeEnumeration/><wsman:MaxElements>" + settings.pageSize()
                + "</wsman:MaxElements><wsman:Filter Dialect=\"" + WQL_DIALECT + "\">" + WsmanValues.escape(wql)
                + "</wsman:Filter></wsen:Enumerate>";
        XmlElement response = call(ENUMERATE, uri, Map.of(), body);
        XmlElement er = required(response, WSEN, "EnumerateResponse");
        List<CimInstance> items = new ArrayList<>();
        String context = er.child(WSEN, "EnumerationContext").map(e -> e.text().strip()).orElse(null);
        boolean end = er.child(WSMAN, "EndOfSequence").isPresent();
        try {
            Optional<XmlElement> first = er.child(WSMAN, "Items");
            if (first.isPresent()) {
                add(cls, first.get(), items);
            }
            while (!end) {
                if (context == null || context.isEmpty()) {
                    throw WsmanException.malformed(er.where() + ": the enumeration has no EnumerationContext and "
                            + "no EndOfSequence");
                }
                XmlElement pr = required(call(PULL, uri, Map.of(), "<wsen:Pull><wsen:EnumerationContext>"
                        + WsmanValues.escape(context) + "</wsen:EnumerationContext><wsen:MaxElements>"
                        + settings.pageSize() + "</wsen:MaxElements></wsen:Pull>"), WSEN, "PullResponse");
                // A PullResponse may carry a new context for the next Pull (WS-Enumeration §3.2).
                Optional<String> next = pr.child(WSEN, "EnumerationContext").map(e -> e.text().strip());
                if (next.isPresent()) {
                    context = next.get();
                }
                Optional<XmlElement> page = pr.child(WSEN, "Items");
                if (page.isPresent()) {
                    add(cls, page.get(), items);
                }
                end = pr.child(WSEN, "EndOfSequence").isPresent();
            }
            return List.copyOf(items);
        } catch (WsmanException e) {
            if (!end && context != null && !context.isEmpty() && e.kind() == WsmanException.Kind.MALFORMED) {
                release(uri, context);
            }
            throw e;
        }
    }

    private void add(CimClass cls, XmlElement itemsElement, List<CimInstance> items) throws WsmanException {
        for (XmlElement item : itemsElement.children()) {
            if (items.size() >= settings.maxItems()) {
                throw WsmanException.tooLarge(item.where() + ": more than " + settings.maxItems()
                        + " instances in one enumeration");
            }
            items.add(WsmanValues.instance(cls, item));
        }
    }

    /** Releases an enumeration context (WS-Enumeration §3.3); a failure to do so is not the caller's concern. */
    private void release(String uri, String context) {
        try {
            call(RELEASE, uri, Map.of(), "<wsen:Release><wsen:EnumerationContext>" + WsmanValues.escape(context)
                    + "</wsen:EnumerationContext></wsen:Release>");
        } catch (WsmanException ignored) {
            // the server drops an abandoned context at its own expiry
        }
    }

    /** The instance of {@code cls} with these key values (WS-Transfer Get, DSP0226 §7). */
    public CimInstance get(String namespace, CimClass cls, Map<String, String> selectors) throws WsmanException {
        XmlElement body = (call(GET, resourceUri(namespace, cls.name()), selectors, ""));
        XmlElement item = body.children().stream().findFirst().orElseThrow(
                () -> WsmanException.malformed(body.where() + ": the Get response has an empty body"));
        return WsmanValues.instance(cls, item);
    }

    /**
     * Invokes {@code method} of the instance of {@code cls} the selectors name (DSP0227 §11): in parameters in the
     * method's declared order, typed by it; the answer's ReturnValue and out parameters typed by it too.
     *
     * @param inputs in parameter values by name; a parameter not given is left out (NULL)
     * @throws IllegalArgumentException when the class has no such method or an input is not one of its in parameters
     */
    public MethodResult invoke(String namespace, CimClass cls, String method, Map<String, String> selectors,
                               Map<String, CimValue> inputs) throws WsmanException {
        CimMethod m = cls.method(CimName.of(method)).orElseThrow(
                () -> new IllegalArgumentException(cls.name() + " has no method " + method));
        for (String given : inputs.keySet()) {
            if (m.parameter(CimName.of(given)).filter(CimParameter::isIn).isEmpty()) {
                throw new IllegalArgumentException(cls.name() + "." + m.name() + " has no in parameter " + given);
            }
        }
        String uri = resourceUri(namespace, cls.name());
        StringBuilder body = new StringBuilder("<p:").append(m.name()).append("_INPUT xmlns:p=\"")
                .append(WsmanValues.escape(uri)).append("\">");
        for (CimParameter p : m.inParameters()) {
            inputs.entrySet().stream().filter(e -> CimName.of(e.getKey()).equals(p.name())).findFirst()
                    .filter(e -> e.getValue() != null)
                    .ifPresent(e -> {
                        CimValue v = e.getValue().coerce(p.dataType());
                        List<CimValue> values = v instanceof CimValue.Array a ? a.elements() : List.of(v);
                        for (CimValue one : values) {
                            body.append("<p:").append(p.name()).append('>').append(WsmanValues.escape(
                                    WsmanValues.text(one))).append("</p:").append(p.name()).append('>');
                        }
                    });
        }
        body.append("</p:").append(m.name()).append("_INPUT>");
        XmlElement b = (call(uri + "/" + m.name(), uri, selectors, body.toString()));
        String outputName = m.name() + "_OUTPUT";
        XmlElement output = b.children().stream().filter(c -> c.name().equalsIgnoreCase(outputName)).findFirst()
                .orElseThrow(() -> WsmanException.malformed(b.where() + ": the answer has no " + outputName));
        List<XmlElement> rv = output.children().stream().filter(c -> c.name().equalsIgnoreCase("ReturnValue"))
                .toList();
        CimValue returnValue = WsmanValues.value(m.returnType(), rv, "ReturnValue");
        return new MethodResult(returnValue, WsmanValues.outputs(
                m.parameters().stream().filter(CimParameter::isOut).toList(), output));
    }

    // ---- one exchange ---------------------------------------------------------------------------------------------

    private static XmlElement required(XmlElement body, String ns, String name) throws WsmanException {
        return body.child(ns, name).orElseThrow(() -> WsmanException.malformed(body.where()
                + ": expected <" + name + "> in the answer's body"));
    }

    /**
     * Sends one request and returns the reply's SOAP Body, after checking that it is a SOAP 1.2 envelope answering
     * this request ({@code wsa:RelatesTo}, WS-Addressing §3.2). A fault becomes {@link WsmanException}.
     */
    private XmlElement call(String action, String resourceUri, Map<String, String> selectors, String body)
            throws WsmanException {
        String messageId = "uuid:" + UUID.randomUUID();
        byte[] request = envelope(action, resourceUri, messageId, selectors, body).getBytes(StandardCharsets.UTF_8);
        WsmanTransport.Answer response = transport.post(request);
        String contentType = response.contentType();
        int status = response.status();
        if (status == 401) {
            throw WsmanException.authentication(status, String.join(", ", response.authenticate()));
        }
        boolean soap = contentType.toLowerCase(Locale.ROOT).startsWith("application/soap+xml");
        if (!soap) {
            throw status == 200 ? WsmanException.malformed("the answer is " + (contentType.isEmpty()
                    ? "without a Content-Type" : contentType) + ", not application/soap+xml")
                    : WsmanException.http(status, contentType.isEmpty() ? "no Content-Type" : contentType);
        }
        XmlElement envelope = WsmanXml.parse(response.body(),
                Math.max(1024, response.body().length / BYTES_PER_ELEMENT));
        if (!envelope.is(SOAP, "Envelope")) {
            throw WsmanException.malformed(envelope.where() + ": the answer is not a SOAP 1.2 envelope but <"
                    + envelope.name() + "> in " + (envelope.namespace().isEmpty() ? "no namespace"
                    : envelope.namespace()));
        }
        XmlElement soapBody = required(envelope, SOAP, "Body");
        Optional<XmlElement> fault = soapBody.child(SOAP, "Fault");
        if (fault.isPresent()) {
            throw fault(fault.get(), status);
        }
        if (status != 200) {
            throw WsmanException.http(status, contentType);
        }
        String relatesTo = envelope.child(SOAP, "Header").flatMap(h -> h.child(WSA, "RelatesTo"))
                .map(e -> e.text().strip()).orElse("");
        if (!relatesTo.equals(messageId)) {
            throw WsmanException.malformed("the answer relates to '" + relatesTo + "', not to the request "
                    + messageId);
        }
        return soapBody;
    }

    private String envelope(String action, String resourceUri, String messageId, Map<String, String> selectors,
                            String body) {
        StringBuilder b = new StringBuilder(512 + body.length());
        b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
                .append("<s:Envelope xmlns:s=\"").append(SOAP).append("\" xmlns:wsa=\"").append(WSA)
                .append("\" xmlns:wsen=\"").append(WSEN).append("\" xmlns:wsman=\"").append(WSMAN).append("\">")
                .append("<s:Header>")
                .append("<wsa:To s:mustUnderstand=\"true\">").append(WsmanValues.escape(settings.endpoint().toString()))
                .append("</wsa:To>")
                .append("<wsman:ResourceURI s:mustUnderstand=\"true\">").append(WsmanValues.escape(resourceUri))
                .append("</wsman:ResourceURI>")
                .append("<wsa:ReplyTo><wsa:Address s:mustUnderstand=\"true\">").append(ANONYMOUS)
                .append("</wsa:Address></wsa:ReplyTo>")
                .append("<wsa:Action s:mustUnderstand=\"true\">").append(WsmanValues.escape(action))
                .append("</wsa:Action>")
                .append("<wsman:MaxEnvelopeSize s:mustUnderstand=\"true\">").append(settings.maxResponseBytes())
                .append("</wsman:MaxEnvelopeSize>")
                .append("<wsa:MessageID s:mustUnderstand=\"true\">").append(messageId).append("</wsa:MessageID>")
                .append("<wsman:OperationTimeout>").append(operationTimeout()).append("</wsman:OperationTimeout>");
        if (!selectors.isEmpty()) {
            b.append("<wsman:SelectorSet>");
            selectors.forEach((name, value) -> b.append("<wsman:Selector Name=\"").append(WsmanValues.escape(name))
                    .append("\">").append(WsmanValues.escape(value)).append("</wsman:Selector>"));
            b.append("</wsman:SelectorSet>");
        }
        b.append("</s:Header><s:Body>").append(body).append("</s:Body></s:Envelope>");
        return b.toString();
    }

    /** A little less than the call's timeout, as xs:duration: the service's own timeout fault then comes first. */
    private String operationTimeout() {
        long ms = Math.max(500, settings.callTimeout().toMillis() * 9 / 10);
        return String.format(Locale.ROOT, "PT%d.%03dS", ms / 1000, ms % 1000);
    }

    /**
     * A SOAP 1.2 fault (SOAP 1.2 Part 1 §5.4) as an exception: the subcode's local name (its prefix is the
     * server's choice), the reason, and the error code of the detail, where Windows puts it: the innermost
     * {@code WSManFault/@Code} (a WMI provider's error nests inside WinRM's), or {@code MSFT_WmiError/error_Code}.
     */
    static WsmanException fault(XmlElement fault, int httpStatus) {
        String subcode = fault.child(SOAP, "Code").flatMap(c -> c.child(SOAP, "Subcode"))
                .flatMap(s -> s.child(SOAP, "Value")).map(v -> {
                    String q = v.text().strip();
                    return q.substring(q.indexOf(':') + 1);
                }).filter(s -> !s.isEmpty()).orElse(null);
        String reason = fault.child(SOAP, "Reason").flatMap(r -> r.child(SOAP, "Text")).map(XmlElement::text)
                .orElse("");
        Long code = fault.child(SOAP, "Detail").flatMap(WsmanClient::detailCode).orElse(null);
        return WsmanException.fault(reason, subcode, code, httpStatus);
    }

    private static Optional<Long> detailCode(XmlElement detail) {
        Optional<Long> wmi = detail.children().stream().filter(c -> c.name().equals("MSFT_WmiError"))
                .flatMap(e -> e.children().stream()).filter(c -> c.name().equals("error_Code"))
                .findFirst().flatMap(c -> unsigned32(c.text()));
        if (wmi.isPresent()) {
            return wmi;
        }
        Long code = null;
        Optional<XmlElement> f = detail.find(WSMAN_FAULT, "WSManFault");
        while (f.isPresent()) {
            Optional<Long> c = f.get().attribute("Code").flatMap(WsmanClient::unsigned32);
            if (c.isPresent()) {
                code = c.get();
            }
            f = f.get().find(WSMAN_FAULT, "WSManFault");
        }
        return Optional.ofNullable(code);
    }

    private static Optional<Long> unsigned32(String text) {
        try {
            long v = Long.parseLong(text.strip());
            return v >= Integer.MIN_VALUE && v <= 0xFFFF_FFFFL ? Optional.of(v & 0xFFFF_FFFFL) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
