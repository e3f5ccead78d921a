package org.replprov.server;

import java.io.IOException;
import java.util.Locale;
import org.replprov.log.LogSafe;
import org.replprov.protocol.DeferredResponse;
import org.replprov.protocol.Outcome;
import org.replprov.protocol.cimxml.CimXmlHeaders;
import org.replprov.protocol.cimxml.CimXmlMessage;
import org.replprov.protocol.cimxml.CimXmlProtocolException;
import org.replprov.protocol.cimxml.CimXmlReader;
import org.replprov.protocol.cimxml.CimXmlResponder;
import org.replprov.provider.ObjectManager;
import org.replprov.server.http.Exchange;
import org.replprov.server.http.Handler;
import org.replprov.server.http.Responses;
import org.replprov.server.security.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CIM operations over HTTP (DSP0200) on any path: {@code POST} with {@code CIMOperation: MethodCall}.
 *
 * <ul>
 *   <li>header and envelope problems are answered 400 or 501 with a {@code CIMError} header;</li>
 *   <li>a body over the size limit is answered 413 without being read;</li>
 *   <li>an extrinsic method call needs the operator role: a reader gets 403;</li>
 *   <li>everything else is HTTP 200 with a {@code MethodResponse}, CIM errors included.</li>
 * </ul>
 */
final class CimXmlHandler implements Handler {

    private static final Logger log = LoggerFactory.getLogger(CimXmlHandler.class);

    /** Responses up to this size are sent with a Content-Length; larger ones stream chunked. */
    static final int COMMIT_THRESHOLD = 64 * 1024;

    private final CimXmlReader reader;
    private final CimXmlResponder responder;

    CimXmlHandler(ObjectManager objectManager) {
        // The front end has already bounded the body's size.
        this.reader = new CimXmlReader(new CimXmlReader.Limits(Integer.MAX_VALUE, 32, 50_000));
        this.responder = new CimXmlResponder(objectManager);
    }

    @Override
    public Outcome handle(Exchange ex) throws IOException {
        if (!ex.method().equals("POST")) {
            ex.responseHeader("Allow", "POST");
            Responses.text(ex, 405, "CIM operations use POST");
            return Outcome.success(ex.method(), 0);
        }
        CimXmlHeaders headers = CimXmlHeaders.from(ex::requestHeader);
        try {
            headers.check();
            String contentType = ex.requestHeader("Content-Type");
            if (contentType != null && !isXml(contentType)) {
                Responses.text(ex, 415, "CIM-XML requests are application/xml or text/xml, not " + contentType);
                return Outcome.success(String.valueOf(headers.cimMethod()), 0);
            }
            byte[] body = ex.body();
            CimXmlMessage message = reader.read(body);
            headers.checkAgainst(message);
            if (!message.intrinsic() && !ex.principal().may(Role.OPERATOR)) {
                log.warn("User {} may not invoke {}: the operator role is needed", ex.principal().name(),
                        LogSafe.of(message));
                Responses.text(ex, 403, "invoking methods needs the operator role");
                return Outcome.success(message.methodName(), 0);
            }
            DeferredResponse out = new DeferredResponse(length -> {
                ex.responseHeader("Content-Type", "application/xml; charset=\"utf-8\"");
                ex.responseHeader("CIMOperation", "MethodResponse");
                return ex.respond(200, length);
            }, COMMIT_THRESHOLD);
            return responder.respond(message, ex.host(), ex.principal().name(), out);
        } catch (CimXmlProtocolException e) {
            log.info("Rejected CIM-XML request: {} ({})", LogSafe.of(e.getMessage()), e.cimError().headerValue());
            ex.responseHeader("CIMError", e.cimError().headerValue());
            Responses.text(ex, e.cimError().httpStatus(), e.getMessage());
            return Outcome.success(e.cimError().headerValue(), 0);
        } catch (Exchange.TooLargeException e) {
            log.info("Rejected CIM-XML request: {}", LogSafe.of(e.getMessage()));
            ex.responseHeader("Connection", "close");
            Responses.text(ex, 413, e.getMessage());
            return Outcome.success("too-large", 0);
        }
    }

    private static boolean isXml(String contentType) {
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return type.equals("application/xml") || type.equals("text/xml");
    }
}
