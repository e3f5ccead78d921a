package org.replprov.server;

import java.io.IOException;
import java.util.Locale;
import org.replprov.cim.CimException;
import org.replprov.log.LogSafe;
import org.replprov.operation.Operation;
import org.replprov.operation.OperationService;
import org.replprov.operation.Outcome;
import org.replprov.protocol.DeferredResponse;
import org.replprov.protocol.cimxml.CimXmlEncoder;
import org.replprov.protocol.cimxml.CimXmlHeaders;
import org.replprov.protocol.cimxml.CimXmlMessage;
import org.replprov.protocol.cimxml.CimXmlProtocolException;
import org.replprov.protocol.cimxml.CimXmlReader;
import org.replprov.server.http.Exchange;
import org.replprov.server.http.Handler;
import org.replprov.server.http.Responses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CIM operations over HTTP (DSP0200) on any path: {@code POST} with {@code CIMOperation: MethodCall}. A thin handler:
 * the CIM-XML codec reads the request into an {@link Operation}, the {@link OperationService} runs it (and refuses
 * what the caller's role does not allow), and {@link CimXmlEncoder} writes the answer.
 *
 * <ul>
 *   <li>header and envelope problems are answered 400 or 501 with a {@code CIMError} header;</li>
 *   <li>a body over the size limit is answered 413 without being read;</li>
 *   <li>an operation the caller's role does not allow (an extrinsic method call by a reader) is answered 403;</li>
 *   <li>everything else is HTTP 200 with a {@code MethodResponse}, CIM errors included.</li>
 * </ul>
 *
 * <p>Refusals are failures in the {@link Outcome}, as on the JSON API ({@link Outcome.Refusal}).
 */
final class CimXmlHandler implements Handler {

    private static final Logger log = LoggerFactory.getLogger(CimXmlHandler.class);

    /** Responses up to this size are sent with a Content-Length; larger ones stream chunked. */
    private static final int COMMIT_THRESHOLD = 64 * 1024;

    private final CimXmlReader reader;
    private final OperationService service;

    CimXmlHandler(OperationService service) {
        // The front end has already bounded the body's size.
        this.reader = new CimXmlReader(new CimXmlReader.Limits(Integer.MAX_VALUE, 32, 50_000));
        this.service = service;
    }

    @Override
    public Outcome handle(Exchange ex) throws IOException {
        if (!ex.method().equals("POST")) {
            ex.responseHeader("Allow", "POST");
            return refuse(ex, ex.method(), Outcome.Refusal.METHOD_NOT_ALLOWED, "CIM operations use POST");
        }
        CimXmlHeaders headers = CimXmlHeaders.from(ex::requestHeader);
        try {
            headers.check();
            String contentType = ex.requestHeader("Content-Type");
            if (contentType != null && !isXml(contentType)) {
                return refuse(ex, String.valueOf(headers.cimMethod()), Outcome.Refusal.UNSUPPORTED_MEDIA_TYPE,
                        "CIM-XML requests are application/xml or text/xml, not " + contentType);
            }
            byte[] body = ex.body();
            CimXmlMessage message = reader.read(body);
            headers.checkAgainst(message);
            DeferredResponse out = new DeferredResponse(length -> {
                ex.responseHeader("Content-Type", "application/xml; charset=\"utf-8\"");
                ex.responseHeader("CIMOperation", "MethodResponse");
                return ex.respond(200, length);
            }, COMMIT_THRESHOLD);
            Operation operation;
            try {
                operation = message.operation(service.objectManager().repository());
            } catch (CimException e) {
                CimXmlEncoder.writeError(message, e, out);
                return Outcome.failure(message.methodName(), e);
            }
            return service.run(Callers.request(ex), message.methodName(), operation,
                    new CimXmlEncoder(message, ex.host(), out, e -> Responses.text(ex, 403, e.description())));
        } catch (CimXmlProtocolException e) {
            log.info("Rejected CIM-XML request: {} ({})", LogSafe.of(e.getMessage()), e.cimError().headerValue());
            ex.responseHeader("CIMError", e.cimError().headerValue());
            Responses.text(ex, e.cimError().httpStatus(), e.getMessage());
            return Outcome.refused(e.cimError().headerValue(), e.cimError().httpStatus() == 501
                    ? Outcome.Refusal.NOT_IMPLEMENTED : Outcome.Refusal.BAD_REQUEST, e.getMessage());
        } catch (Exchange.TooLargeException e) {
            log.info("Rejected CIM-XML request: {}", LogSafe.of(e.getMessage()));
            ex.responseHeader("Connection", "close");
            return refuse(ex, "too-large", Outcome.Refusal.TOO_LARGE, e.getMessage());
        }
    }

    /** A refusal before any operation ran: plain text, as DSP0200 clients only look at the status. */
    private static Outcome refuse(Exchange ex, String operation, Outcome.Refusal refusal, String description)
            throws IOException {
        Responses.text(ex, refusal.httpStatus(), description);
        return Outcome.refused(operation, refusal, description);
    }

    private static boolean isXml(String contentType) {
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return type.equals("application/xml") || type.equals("text/xml");
    }
}
