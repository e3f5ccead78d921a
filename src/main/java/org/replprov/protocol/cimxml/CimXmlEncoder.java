package org.replprov.protocol.cimxml;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.replprov.cim.CimClass;
import org.replprov.cim.CimDataType;
import org.replprov.cim.CimException;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimMethod;
import org.replprov.cim.CimName;
import org.replprov.cim.CimParameter;
import org.replprov.cim.CimValue;
import org.replprov.operation.EnumerationContexts;
import org.replprov.operation.Operation;
import org.replprov.operation.OperationService;
import org.replprov.operation.PropertyList;
import org.replprov.operation.ResultEncoder;
import org.replprov.protocol.DeferredResponse;
import org.replprov.provider.spi.MethodResult;

/**
 * Writes the answer to one {@link CimXmlMessage} as DSP0201 defines it: an {@code IRETURNVALUE} (intrinsic) or
 * {@code RETURNVALUE} (extrinsic) on success and an {@code ERROR} element for a CIM error (DSP0200: CIM errors are
 * HTTP 200), echoing the message id and the method name as sent.
 *
 * <p>One encoder per request; the response goes through a {@link DeferredResponse}, so that an error raised before
 * it was committed replaces what was written.
 */
public final class CimXmlEncoder implements ResultEncoder {

    /** The two output parameters of every Open and Pull answer (DSP0200 5.3.2). */
    private static final CimParameter END_OF_SEQUENCE = CimParameter.of("EndOfSequence", CimDataType.BOOLEAN);
    private static final CimParameter ENUMERATION_CONTEXT = CimParameter.of("EnumerationContext", CimDataType.STRING);

    /** How the transport refuses a caller whose role does not allow the operation (HTTP 403, no CIM-XML body). */
    @FunctionalInterface
    public interface Denial {
        void deny(CimException e) throws IOException;
    }

    private final CimXmlMessage message;
    private final String host;
    private final DeferredResponse out;
    private final Denial denial;
    /** The writer of the stream in progress (between startInstances and endInstances). */
    private CimXmlWriter stream;
    private Operation streaming;

    /**
     * @param host   the host name for the {@code INSTANCEPATH}s of ExecQuery and the pull operations: the one the
     *               client addressed
     * @param denial answers a caller who may not run the operation
     */
    public CimXmlEncoder(CimXmlMessage message, String host, DeferredResponse out, Denial denial) {
        this.message = Objects.requireNonNull(message, "message");
        this.host = host;
        this.out = Objects.requireNonNull(out, "out");
        this.denial = Objects.requireNonNull(denial, "denial");
    }

    @Override
    public void classes(Operation op, List<CimClass> classes) {
        if (op instanceof Operation.GetClass g) {
            intrinsic(new CimXmlWriter.View(g.localOnly(), g.includeQualifiers(), g.includeClassOrigin(),
                    g.propertyList(), null), classes, CimXmlWriter::cimClass);
        } else if (op instanceof Operation.EnumerateClasses e) {
            intrinsic(new CimXmlWriter.View(e.localOnly(), e.includeQualifiers(), e.includeClassOrigin(),
                    PropertyList.ALL, null), classes, CimXmlWriter::cimClass);
        } else {
            intrinsic(CimXmlWriter.View.PLAIN, classes, (w, c) -> w.className(c.name()));
        }
    }

    @Override
    public void instance(Operation.GetInstance op, CimInstance instance) {
        intrinsic(new CimXmlWriter.View(false, op.includeQualifiers(), op.includeClassOrigin(), op.propertyList(),
                null), List.of(instance), CimXmlWriter::instance);
    }

    @Override
    public void startInstances(Operation op, CimClass shallow) {
        CimXmlWriter.View view = op instanceof Operation.EnumerateInstances e
                ? new CimXmlWriter.View(false, e.includeQualifiers(), e.includeClassOrigin(), e.propertyList(),
                        shallow)
                : CimXmlWriter.View.PLAIN;
        stream = start(view);
        streaming = op;
    }

    @Override
    public void streamed(CimInstance i) {
        if (streaming instanceof Operation.EnumerateInstances) {
            stream.namedInstance(i);
        } else if (streaming instanceof Operation.EnumerateInstanceNames) {
            stream.instanceName(i.path());
        } else {
            stream.objectWithPath(host, streaming.namespace(), i);
        }
    }

    @Override
    public void endInstances() {
        end(stream);
        stream = null;
    }

    /** {@code RETURNVALUE} and the out parameters with their declared types. */
    @Override
    public void methodResult(Operation.InvokeMethod op, CimMethod method, MethodResult result) {
        CimXmlWriter w = new CimXmlWriter(out, CimXmlWriter.View.PLAIN);
        w.startMessage(message.messageId());
        w.startMethodResponse(message.methodName());
        w.returnValue(method, result.returnValue());
        for (Map.Entry<CimName, CimValue> p : result.outParameters().entrySet()) {
            w.paramValue(method.parameter(p.getKey()).orElseThrow(), p.getValue());
        }
        w.endMethodResponse();
        w.endMessage();
        w.flush();
    }

    /**
     * The answer of an Open or Pull operation (DSP0201 {@code IMETHODRESPONSE (IRETURNVALUE?, PARAMVALUE*)}): the
     * page's objects, then the output parameters EndOfSequence and EnumerationContext, in the order OpenPegasus sends
     * them; the context is NULL once the sequence has ended.
     */
    @Override
    public void page(Operation op, EnumerationContexts.Page<OperationService.OpenEnumeration> page) {
        OperationService.OpenEnumeration e = page.session();
        CimXmlWriter.View view = e.open() instanceof Operation.OpenEnumerateInstances o
                ? new CimXmlWriter.View(false, false, o.includeClassOrigin(), o.propertyList(), e.shallow())
                : CimXmlWriter.View.PLAIN;
        CimXmlWriter w = new CimXmlWriter(out, view);
        w.startMessage(message.messageId());
        w.startIMethodResponse(message.methodName());
        w.startIReturnValue();
        for (CimInstance i : page.items()) {
            switch (e.continuation()) {
                case PULL_INSTANCES_WITH_PATH -> w.instanceWithPath(host, op.namespace(), i);
                case PULL_INSTANCE_PATHS -> w.instancePath(host, op.namespace(), i.path());
                case PULL_INSTANCES -> w.instance(i);
            }
        }
        w.endIReturnValue();
        w.paramValue(END_OF_SEQUENCE, CimValue.bool(page.endOfSequence()));
        w.paramValue(ENUMERATION_CONTEXT, page.context() == null ? null : CimValue.string(page.context()));
        w.endIMethodResponse();
        w.endMessage();
        w.flush();
    }

    @Override
    public void count(Operation.EnumerationCount op, long remaining) {
        intrinsic(CimXmlWriter.View.PLAIN, List.of(CimValue.uint64(remaining)), CimXmlWriter::value);
    }

    /** DSP0200: CloseEnumeration returns nothing, so the response has no IRETURNVALUE. */
    @Override
    public void closed(Operation.CloseEnumeration op) {
        CimXmlWriter w = new CimXmlWriter(out, CimXmlWriter.View.PLAIN);
        w.startMessage(message.messageId());
        w.startIMethodResponse(message.methodName());
        w.endIMethodResponse();
        w.endMessage();
        w.flush();
    }

    @Override
    public void finish() throws IOException {
        out.close();
    }

    @Override
    public boolean rewind() {
        return out.rewind();
    }

    @Override
    public void error(Operation op, CimException e) throws IOException {
        writeError(message, e, out);
    }

    @Override
    public void denied(Operation op, CimException e) throws IOException {
        denial.deny(e);
    }

    /**
     * The {@code ERROR} answer to {@code message}, in an {@code IMETHODRESPONSE} or {@code METHODRESPONSE} as the
     * call was; also for a request whose parameters could not be read into an operation.
     */
    public static void writeError(CimXmlMessage message, CimException e, DeferredResponse out) throws IOException {
        CimXmlWriter w = new CimXmlWriter(out, CimXmlWriter.View.PLAIN);
        w.startMessage(message.messageId());
        if (message.intrinsic()) {
            w.startIMethodResponse(message.methodName());
            w.error(e.cimStatus(), e.description());
            w.endIMethodResponse();
        } else {
            w.startMethodResponse(message.methodName());
            w.error(e.cimStatus(), e.description());
            w.endMethodResponse();
        }
        w.endMessage();
        w.flush();
        out.close();
    }

    /** {@code IMETHODRESPONSE (IRETURNVALUE (items))}. */
    private <T> void intrinsic(CimXmlWriter.View view, List<T> items, Item<T> item) {
        CimXmlWriter w = start(view);
        for (T t : items) {
            item.write(w, t);
        }
        end(w);
    }

    @FunctionalInterface
    private interface Item<T> {
        void write(CimXmlWriter w, T item);
    }

    private CimXmlWriter start(CimXmlWriter.View view) {
        CimXmlWriter w = new CimXmlWriter(out, view);
        w.startMessage(message.messageId());
        w.startIMethodResponse(message.methodName());
        w.startIReturnValue();
        return w;
    }

    private static void end(CimXmlWriter w) {
        w.endIReturnValue();
        w.endIMethodResponse();
        w.endMessage();
        w.flush();
    }
}
