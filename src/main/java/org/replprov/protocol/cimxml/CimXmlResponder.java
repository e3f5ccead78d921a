package org.replprov.protocol.cimxml;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.replprov.cim.CimClass;
import org.replprov.cim.CimDataType;
import org.replprov.cim.CimException;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimMethod;
import org.replprov.cim.CimName;
import org.replprov.cim.CimParameter;
import org.replprov.cim.CimStatus;
import org.replprov.cim.CimValue;
import org.replprov.cim.WbemStatus;
import org.replprov.protocol.DeferredResponse;
import org.replprov.protocol.EnumerationContexts;
import org.replprov.protocol.EnumerationContexts.Continuation;
import org.replprov.protocol.EnumerationException;
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

    /** The two output parameters of every Open and Pull answer (DSP0200 5.3.2). */
    private static final CimParameter END_OF_SEQUENCE = CimParameter.of("EndOfSequence", CimDataType.BOOLEAN);
    private static final CimParameter ENUMERATION_CONTEXT = CimParameter.of("EnumerationContext", CimDataType.STRING);

    private final ObjectManager objectManager;
    private final EnumerationContexts<CimXmlWriter.View> contexts;

    /** A responder whose pull operations keep their sessions with the default limits. */
    public CimXmlResponder(ObjectManager objectManager) {
        this(objectManager, new EnumerationContexts<>(EnumerationContexts.Limits.DEFAULT, Clock.systemUTC()));
    }

    /** A responder keeping the sessions of its pull operations in {@code contexts}. */
    public CimXmlResponder(ObjectManager objectManager, EnumerationContexts<CimXmlWriter.View> contexts) {
        this.objectManager = Objects.requireNonNull(objectManager, "objectManager");
        this.contexts = Objects.requireNonNull(contexts, "contexts");
    }

    /**
     * Answers {@code message}.
     *
     * @param host      the host name for the {@code INSTANCEPATH}s of ExecQuery and the pull operations: the one the
     *                  client addressed
     * @param principal who sent the request: the pull operations' enumeration contexts belong to the principal that
     *                  opened them
     * @throws CimXmlProtocolException when the operation's parameters are structurally invalid; nothing was written
     * @throws CimException when the operation failed after the response was committed
     */
    public Outcome respond(CimXmlMessage message, String host, String principal, DeferredResponse out)
            throws IOException {
        Objects.requireNonNull(principal, "principal");
        Operation operation;
        try {
            operation = message.operation(objectManager.repository());
        } catch (CimException e) {
            writeError(message, e, out);
            return Outcome.failure(message.methodName(), e);
        }
        Run run = new Run(message, host, principal, out);
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
        private final String principal;
        private final DeferredResponse out;
        private long objects;

        Run(CimXmlMessage message, String host, String principal, DeferredResponse out) {
            this.message = message;
            this.host = host;
            this.principal = principal;
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
            } else if (operation instanceof Operation.OpenEnumerateInstances op) {
                Duration timeout = open(op.options(), op.filterQueryLanguage(), op.filterQuery());
                CimClass shallow = op.deepInheritance() ? null : om.getClass(op.namespace(), op.className());
                List<CimInstance> items = new ArrayList<>();
                om.enumerateInstances(op.namespace(), op.className(), op.propertyList().namesOrNull(), items::add);
                CimXmlWriter.View view = new CimXmlWriter.View(false, false, op.includeClassOrigin(),
                        op.propertyList(), shallow);
                page(op.namespace(), Continuation.PULL_INSTANCES_WITH_PATH, contexts.open(principal, op.namespace(),
                        Continuation.PULL_INSTANCES_WITH_PATH, view, items, timeout,
                        op.options().maxObjectCount()));
            } else if (operation instanceof Operation.OpenEnumerateInstancePaths op) {
                Duration timeout = open(op.options(), op.filterQueryLanguage(), op.filterQuery());
                List<CimInstance> items = new ArrayList<>();
                om.enumerateInstances(op.namespace(), op.className(), List.of(), items::add);
                page(op.namespace(), Continuation.PULL_INSTANCE_PATHS, contexts.open(principal, op.namespace(),
                        Continuation.PULL_INSTANCE_PATHS, CimXmlWriter.View.PLAIN, items, timeout,
                        op.options().maxObjectCount()));
            } else if (operation instanceof Operation.OpenQueryInstances op) {
                if (op.returnQueryResultClass()) {
                    throw new CimException(WbemStatus.WBEM_E_NOT_SUPPORTED,
                            "ReturnQueryResultClass TRUE is not supported: the instances carry their own class");
                }
                Duration timeout = open(op.options(), null, null);
                List<CimInstance> items = new ArrayList<>();
                om.execQuery(op.namespace(), op.filterQueryLanguage(), op.filterQuery(),
                        row -> items.add(row.instance()));
                page(op.namespace(), Continuation.PULL_INSTANCES, contexts.open(principal, op.namespace(),
                        Continuation.PULL_INSTANCES, CimXmlWriter.View.PLAIN, items, timeout,
                        op.options().maxObjectCount()));
            } else if (operation instanceof Operation.Pull op) {
                page(op.namespace(), op.operation(), contexts.pull(principal, op.namespace(), op.operation(),
                        op.enumerationContext(), op.maxObjectCount()));
            } else if (operation instanceof Operation.CloseEnumeration op) {
                contexts.close(principal, op.namespace(), op.enumerationContext());
                CimXmlWriter w = new CimXmlWriter(out, CimXmlWriter.View.PLAIN);
                w.startMessage(message.messageId());
                // DSP0200: CloseEnumeration returns nothing, so the response has no IRETURNVALUE.
                w.startIMethodResponse(message.methodName());
                w.endIMethodResponse();
                w.endMessage();
                w.flush();
            } else if (operation instanceof Operation.EnumerationCount op) {
                long remaining = contexts.remaining(principal, op.namespace(), op.enumerationContext());
                intrinsic(CimXmlWriter.View.PLAIN, w -> w.value(CimValue.uint64(remaining)));
            } else if (operation instanceof Operation.MethodCall op) {
                methodCall(op);
            } else if (operation instanceof Operation.NotSupported op) {
                throw new CimException(WbemStatus.WBEM_E_NOT_SUPPORTED, "operation " + op.name() + " is not supported");
            } else {
                throw new AssertionError(operation);
            }
            return objects;
        }

        /**
         * The checks every Open operation makes before any work (DSP0200 §5.3.2): no filter on an enumeration
         * (CIM_ERR_FILTERED_ENUMERATION_NOT_SUPPORTED), no continuation on error
         * (CIM_ERR_CONTINUATION_ON_ERROR_NOT_SUPPORTED), an allowed OperationTimeout
         * (CIM_ERR_INVALID_OPERATION_TIMEOUT). Whether there is room for the session is known only once the results
         * are: one that ends in its Open needs none.
         *
         * @return the session's timeout
         */
        private Duration open(Operation.OpenOptions options, String filterQueryLanguage, String filterQuery) {
            if (filterQueryLanguage != null || filterQuery != null) {
                throw new EnumerationException(CimStatus.CIM_ERR_FILTERED_ENUMERATION_NOT_SUPPORTED,
                        "FilterQueryLanguage and FilterQuery are not supported on enumerations; "
                                + "use OpenQueryInstances with WQL");
            }
            if (options.continueOnError()) {
                throw new EnumerationException(CimStatus.CIM_ERR_CONTINUATION_ON_ERROR_NOT_SUPPORTED,
                        "ContinueOnError TRUE is not supported");
            }
            return contexts.timeout(options.operationTimeout());
        }

        /**
         * The answer of an Open or Pull operation (DSP0201 {@code IMETHODRESPONSE (IRETURNVALUE?, PARAMVALUE*)}):
         * the page's objects, then the output parameters EndOfSequence and EnumerationContext, in the order
         * OpenPegasus sends them; the context is NULL once the sequence has ended.
         */
        private void page(String namespace, Continuation continuation,
                          EnumerationContexts.Page<CimXmlWriter.View> page) {
            CimXmlWriter w = new CimXmlWriter(out, page.session());
            w.startMessage(message.messageId());
            w.startIMethodResponse(message.methodName());
            w.startIReturnValue();
            for (CimInstance i : page.items()) {
                switch (continuation) {
                    case PULL_INSTANCES_WITH_PATH -> w.instanceWithPath(host, namespace, i);
                    case PULL_INSTANCE_PATHS -> w.instancePath(host, namespace, i.path());
                    case PULL_INSTANCES -> w.instance(i);
                }
                objects++;
            }
            w.endIReturnValue();
            w.paramValue(END_OF_SEQUENCE, CimValue.bool(page.endOfSequence()));
            w.paramValue(ENUMERATION_CONTEXT,
                    page.context() == null ? null : CimValue.string(page.context()));
            w.endIMethodResponse();
            w.endMessage();
            w.flush();
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
