package org.replprov.protocol.cimxml;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.replprov.cim.CimClass;
import org.replprov.cim.CimDataType;
import org.replprov.cim.CimException;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimMethod;
import org.replprov.cim.CimParameter;
import org.replprov.cim.WbemStatus;
import org.replprov.protocol.CimOperations;
import org.replprov.protocol.DeferredResponse;
import org.replprov.protocol.MethodParameters;
import org.replprov.protocol.MethodResult;
import org.replprov.protocol.OperationContext;
import org.replprov.protocol.Outcome;
import org.replprov.protocol.ParamValue;
import org.replprov.protocol.PropertyList;

/**
 * Answers a {@link CimXmlMessage}: calls the object manager and writes the DSP0201 response, an {@code IRETURNVALUE}
 * or {@code RETURNVALUE} on success and an {@code ERROR} element for a CIM error (DSP0200: CIM errors are HTTP 200).
 *
 * <p>Results stream through a {@link DeferredResponse}: a CIM error raised before the response was committed
 * replaces whatever was written; one raised later can only abort it, and is rethrown for the transport to do so.
 */
public final class CimXmlResponder {

    private final CimOperations operations;

    public CimXmlResponder(CimOperations operations) {
        this.operations = Objects.requireNonNull(operations, "operations");
    }

    /**
     * Answers {@code message}.
     *
     * @param host the host name for ExecQuery's {@code INSTANCEPATH}: the one the client addressed
     * @throws CimXmlProtocolException when the operation's parameters are structurally invalid; nothing was written
     * @throws CimException when the operation failed after the response was committed
     */
    public Outcome respond(OperationContext ctx, CimXmlMessage message, String host, DeferredResponse out)
            throws IOException {
        Operation operation;
        try {
            operation = message.operation();
        } catch (CimException e) {
            writeError(message, e, out);
            return Outcome.failure(message.methodName(), e);
        }
        Run run = new Run(ctx, message, host, out);
        try {
            long objects = run.execute(operation);
            out.close();
            return Outcome.success(message.methodName(), objects);
        } catch (CimException e) {
            if (!out.rewind()) {
                throw e;
            }
            writeError(message, e, out);
            return Outcome.failure(message.methodName(), e);
        }
    }

    private static void writeError(CimXmlMessage message, CimException e, DeferredResponse out) throws IOException {
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

    /** One operation being answered. */
    private final class Run {
        private final OperationContext ctx;
        private final CimXmlMessage message;
        private final String host;
        private final DeferredResponse out;
        private long objects;

        Run(OperationContext ctx, CimXmlMessage message, String host, DeferredResponse out) {
            this.ctx = ctx;
            this.message = message;
            this.host = host;
            this.out = out;
        }

        long execute(Operation operation) {
            if (operation instanceof Operation.GetClass op) {
                CimClass c = operations.getClass(ctx, op.namespace(), op.className());
                intrinsic(new CimXmlWriter.View(op.localOnly(), op.includeQualifiers(), op.includeClassOrigin(),
                        op.propertyList(), null), w -> counted(() -> w.cimClass(c)));
            } else if (operation instanceof Operation.EnumerateClasses op) {
                List<CimClass> classes = operations.enumerateClasses(ctx, op.namespace(), op.className(),
                        op.deepInheritance());
                intrinsic(new CimXmlWriter.View(op.localOnly(), op.includeQualifiers(), op.includeClassOrigin(),
                        PropertyList.ALL, null), w -> classes.forEach(c -> counted(() -> w.cimClass(c))));
            } else if (operation instanceof Operation.EnumerateClassNames op) {
                List<CimClass> classes = operations.enumerateClasses(ctx, op.namespace(), op.className(),
                        op.deepInheritance());
                intrinsic(CimXmlWriter.View.PLAIN, w -> classes.forEach(c -> counted(() -> w.className(c.name()))));
            } else if (operation instanceof Operation.GetInstance op) {
                CimInstance i = operations.getInstance(ctx, op.namespace(), op.instanceName(), op.propertyList());
                intrinsic(new CimXmlWriter.View(false, op.includeQualifiers(), op.includeClassOrigin(),
                        op.propertyList(), null), w -> counted(() -> w.instance(i)));
            } else if (operation instanceof Operation.EnumerateInstances op) {
                // DeepInheritance FALSE: subclass instances carry only the requested class's properties.
                CimClass shallow = op.deepInheritance() ? null
                        : operations.getClass(ctx, op.namespace(), op.className());
                intrinsic(new CimXmlWriter.View(false, op.includeQualifiers(), op.includeClassOrigin(),
                        op.propertyList(), shallow), w -> operations.enumerateInstances(ctx, op.namespace(),
                        op.className(), op.propertyList(), i -> counted(() -> w.namedInstance(i))));
            } else if (operation instanceof Operation.EnumerateInstanceNames op) {
                intrinsic(CimXmlWriter.View.PLAIN, w -> operations.enumerateInstanceNames(ctx, op.namespace(),
                        op.className(), p -> counted(() -> w.instanceName(p))));
            } else if (operation instanceof Operation.ExecQuery op) {
                intrinsic(CimXmlWriter.View.PLAIN, w -> operations.execQuery(ctx, op.namespace(),
                        op.queryLanguage(), op.query(), i -> counted(() -> w.objectWithPath(host, op.namespace(), i))));
            } else if (operation instanceof Operation.MethodCall op) {
                methodCall(op);
            } else if (operation instanceof Operation.NotSupported op) {
                throw new CimException(WbemStatus.WBEM_E_NOT_SUPPORTED, "operation " + op.name() + " is not supported");
            } else {
                throw new AssertionError(operation);
            }
            return objects;
        }

        private void counted(Runnable write) {
            write.run();
            objects++;
        }

        /** {@code IMETHODRESPONSE (IRETURNVALUE (body))}. */
        private void intrinsic(CimXmlWriter.View view, Consumer<CimXmlWriter> body) {
            CimXmlWriter w = new CimXmlWriter(out, view);
            w.startMessage(message.messageId());
            w.startIMethodResponse(message.methodName());
            w.startIReturnValue();
            body.accept(w);
            w.endIReturnValue();
            w.endIMethodResponse();
            w.endMessage();
            w.flush();
        }

        /** Types the parameters from the class, calls the method, writes {@code RETURNVALUE} and out parameters. */
        private void methodCall(Operation.MethodCall op) {
            CimClass c = operations.getClass(ctx, op.namespace(), op.objectName().className());
            CimMethod method = MethodParameters.method(c, op.methodName());
            List<ParamValue> in = MethodParameters.bind(method, op.parameters());
            MethodResult result = operations.invokeMethod(ctx, op.namespace(), op.objectName(), method.name(), in);
            CimXmlWriter w = new CimXmlWriter(out, CimXmlWriter.View.PLAIN);
            w.startMessage(message.messageId());
            w.startMethodResponse(message.methodName());
            w.returnValue(method.returnType(), result.returnValue());
            for (ParamValue p : result.outParameters()) {
                CimDataType declared = method.parameter(p.name()).map(CimParameter::dataType)
                        .orElseGet(() -> p.value() == null ? CimDataType.STRING : p.value().dataType());
                w.paramValue(p, declared);
            }
            w.endMethodResponse();
            w.endMessage();
            w.flush();
            objects = 1;
        }
    }
}
