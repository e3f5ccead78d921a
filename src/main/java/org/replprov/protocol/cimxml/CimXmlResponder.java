package org.replprov.protocol.cimxml;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.replprov.cim.CimClass;
import org.replprov.cim.CimException;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimMethod;
import org.replprov.cim.CimName;
import org.replprov.cim.CimValue;
import org.replprov.cim.WbemStatus;
import org.replprov.protocol.DeferredResponse;
import org.replprov.protocol.Outcome;
import org.replprov.protocol.PropertyList;
import org.replprov.provider.ObjectManager;
import org.replprov.provider.spi.MethodResult;

/**
 * Answers a {@link CimXmlMessage}: calls the {@link ObjectManager} and writes the DSP0201 response, an
 * {@code IRETURNVALUE} or {@code RETURNVALUE} on success and an {@code ERROR} element for a CIM error (DSP0200: CIM
 * errors are HTTP 200).
 *
 * <p>Results stream through a {@link DeferredResponse}: a CIM error raised before the response was committed
 * replaces whatever was written; one raised later can only abort it, and is rethrown for the transport to do so.
 */
public final class CimXmlResponder {

    private final ObjectManager objectManager;

    public CimXmlResponder(ObjectManager objectManager) {
        this.objectManager = Objects.requireNonNull(objectManager, "objectManager");
    }

    /**
     * Answers {@code message}.
     *
     * @param host the host name for ExecQuery's {@code INSTANCEPATH}: the one the client addressed
     * @throws CimXmlProtocolException when the operation's parameters are structurally invalid; nothing was written
     * @throws CimException when the operation failed after the response was committed
     */
    public Outcome respond(CimXmlMessage message, String host, DeferredResponse out) throws IOException {
        Operation operation;
        try {
            operation = message.operation(objectManager.repository());
        } catch (CimException e) {
            writeError(message, e, out);
            return Outcome.failure(message.methodName(), e);
        }
        Run run = new Run(message, host, out);
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
        private final CimXmlMessage message;
        private final String host;
        private final DeferredResponse out;
        private long objects;

        Run(CimXmlMessage message, String host, DeferredResponse out) {
            this.message = message;
            this.host = host;
            this.out = out;
        }

        long execute(Operation operation) {
            ObjectManager om = objectManager;
            if (operation instanceof Operation.GetClass op) {
                CimClass c = om.getClass(op.namespace(), op.className());
                intrinsic(new CimXmlWriter.View(op.localOnly(), op.includeQualifiers(), op.includeClassOrigin(),
                        op.propertyList(), null), w -> counted(() -> w.cimClass(c)));
            } else if (operation instanceof Operation.EnumerateClasses op) {
                List<CimClass> classes = om.enumerateClasses(op.namespace(), op.className(), op.deepInheritance());
                intrinsic(new CimXmlWriter.View(op.localOnly(), op.includeQualifiers(), op.includeClassOrigin(),
                        PropertyList.ALL, null), w -> classes.forEach(c -> counted(() -> w.cimClass(c))));
            } else if (operation instanceof Operation.EnumerateClassNames op) {
                List<CimClass> classes = om.enumerateClasses(op.namespace(), op.className(), op.deepInheritance());
                intrinsic(CimXmlWriter.View.PLAIN, w -> classes.forEach(c -> counted(() -> w.className(c.name()))));
            } else if (operation instanceof Operation.GetInstance op) {
                CimInstance i = om.getInstance(op.namespace(), op.instanceName(), op.propertyList().namesOrNull());
                intrinsic(new CimXmlWriter.View(false, op.includeQualifiers(), op.includeClassOrigin(),
                        op.propertyList(), null), w -> counted(() -> w.instance(i)));
            } else if (operation instanceof Operation.EnumerateInstances op) {
                // DeepInheritance FALSE: subclass instances carry only the requested class's properties.
                CimClass shallow = op.deepInheritance() ? null : om.getClass(op.namespace(), op.className());
                intrinsic(new CimXmlWriter.View(false, op.includeQualifiers(), op.includeClassOrigin(),
                        op.propertyList(), shallow), w -> om.enumerateInstances(op.namespace(), op.className(),
                        op.propertyList().namesOrNull(), i -> counted(() -> w.namedInstance(i))));
            } else if (operation instanceof Operation.EnumerateInstanceNames op) {
                // An empty property list: the object manager hands over keys only, which is all a name needs.
                intrinsic(CimXmlWriter.View.PLAIN, w -> om.enumerateInstances(op.namespace(), op.className(),
                        List.of(), i -> counted(() -> w.instanceName(i.path()))));
            } else if (operation instanceof Operation.ExecQuery op) {
                intrinsic(CimXmlWriter.View.PLAIN, w -> om.execQuery(op.namespace(), op.queryLanguage(), op.query(),
                        row -> counted(() -> w.objectWithPath(host, op.namespace(), row.instance()))));
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

        /**
         * Calls the method (the object manager types the parameters from its declaration) and writes
         * {@code RETURNVALUE} and the out parameters with their declared types.
         */
        private void methodCall(Operation.MethodCall op) {
            MethodResult result = objectManager.invokeMethod(op.namespace(), op.objectName(), op.methodName(),
                    op.parameters());
            CimMethod method = objectManager.getClass(op.namespace(), op.objectName().className())
                    .method(op.methodName()).orElseThrow();
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
            objects = 1;
        }
    }
}
