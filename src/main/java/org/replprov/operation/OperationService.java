package org.replprov.operation;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.replprov.cim.CimClass;
import org.replprov.cim.CimException;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimMethod;
import org.replprov.cim.CimStatus;
import org.replprov.cim.WbemStatus;
import org.replprov.log.LogSafe;
import org.replprov.operation.EnumerationContexts.Continuation;
import org.replprov.provider.ObjectManager;
import org.replprov.provider.Request;
import org.replprov.provider.spi.Caller;
import org.replprov.provider.spi.MethodResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link Operation}s against the {@link ObjectManager} for every front end (CIM-XML and the JSON API), so that
 * what an operation means is decided once:
 * <ul>
 *   <li><b>authorization</b>: reading needs the reader role, InvokeMethod (methods change replication) the operator
 *       role; a caller without it is refused here, before anything runs;</li>
 *   <li><b>the request</b>: its id (the daemon's request id) and caller reach the providers in their
 *       {@link org.replprov.provider.spi.ProviderContext};</li>
 *   <li><b>the outcome</b>: the objects answered or the CIM error, the same for every front end;</li>
 *   <li><b>enumeration contexts</b> of the DSP0200 pull operations (§5.3.2): Open, Pull, CloseEnumeration and
 *       EnumerationCount, MaxObjectCount, OperationTimeout, expiry of abandoned sessions, bounded per user
 *       ({@link EnumerationContexts}).</li>
 * </ul>
 *
 * <p>Results stream to the front end's {@link ResultEncoder}: a CIM error raised before the response was committed
 * replaces whatever was written; one raised later can only abort it, and is rethrown for the transport to do so.
 *
 * <p>Thread-safe.
 */
public final class OperationService {

    private static final Logger log = LoggerFactory.getLogger(OperationService.class);

    /**
     * What a pull session keeps for its later pages: the Pull operation that continues it, the Open operation that
     * started it (its property list and flags shape every page), and for OpenEnumerateInstances with DeepInheritance
     * FALSE the requested class.
     */
    public record OpenEnumeration(Continuation continuation, Operation open, CimClass shallow) {
    }

    private final ObjectManager objectManager;
    private final EnumerationContexts<OpenEnumeration> contexts;

    /** A service whose pull operations keep their sessions with the default limits. */
    public OperationService(ObjectManager objectManager) {
        this(objectManager, EnumerationContexts.Limits.DEFAULT, Clock.systemUTC());
    }

    public OperationService(ObjectManager objectManager, EnumerationContexts.Limits limits, Clock clock) {
        this.objectManager = Objects.requireNonNull(objectManager, "objectManager");
        this.contexts = new EnumerationContexts<>(limits, clock);
    }

    public ObjectManager objectManager() {
        return objectManager;
    }

    /** The role {@code op} needs: operator for what changes state (method invocation), reader for the rest. */
    public static Caller.Role required(Operation op) {
        return op instanceof Operation.InvokeMethod ? Caller.Role.OPERATOR : Caller.Role.READER;
    }

    /**
     * Runs {@code op} for {@code request} and writes its answer with {@code out}.
     *
     * @param label the operation's name in the access log and the metrics, as the front end names it
     * @throws CimException when the operation failed after the response was committed
     */
    public Outcome run(Request request, String label, Operation op, ResultEncoder out) throws IOException {
        Caller.Role needed = required(op);
        if (!request.caller().may(needed)) {
            log.warn("User {} may not run {}: the {} role is needed", request.caller().user(), LogSafe.of(label),
                    needed.name().toLowerCase(Locale.ROOT));
            CimException denied = new CimException(WbemStatus.WBEM_E_ACCESS_DENIED, op instanceof Operation.InvokeMethod
                    ? "invoking methods needs the operator role" : "this operation needs the reader role");
            out.denied(op, denied);
            return Outcome.failure(label, denied);
        }
        Run run = new Run(request, out);
        try {
            run.execute(op);
            out.finish();
            return Outcome.success(label, run.objects);
        } catch (CimException e) {
            if (!out.rewind()) {
                throw e;
            }
            out.error(op, e);
            return Outcome.failure(label, e);
        }
    }

    /** One operation being answered. */
    private final class Run {
        private final Request request;
        private final String user;
        private final ResultEncoder out;
        private long objects;

        Run(Request request, ResultEncoder out) {
            this.request = request;
            this.user = request.caller().user();
            this.out = out;
        }

        void execute(Operation operation) throws IOException {
            ObjectManager om = objectManager;
            if (operation instanceof Operation.GetClass op) {
                classes(op, List.of(om.getClass(op.namespace(), op.className())));
            } else if (operation instanceof Operation.EnumerateClasses op) {
                classes(op, om.enumerateClasses(op.namespace(), op.className(), op.deepInheritance()));
            } else if (operation instanceof Operation.EnumerateClassNames op) {
                classes(op, om.enumerateClasses(op.namespace(), op.className(), op.deepInheritance()));
            } else if (operation instanceof Operation.GetInstance op) {
                CimInstance i = om.getInstance(request, op.namespace(), op.instanceName(),
                        op.propertyList().namesOrNull());
                out.instance(op, i);
                objects = 1;
            } else if (operation instanceof Operation.EnumerateInstances op) {
                // DeepInheritance FALSE: subclass instances carry only the requested class's properties.
                CimClass shallow = op.deepInheritance() ? null : om.getClass(op.namespace(), op.className());
                out.startInstances(op, shallow);
                om.enumerateInstances(request, op.namespace(), op.className(), op.propertyList().namesOrNull(),
                        this::streamed);
                out.endInstances();
            } else if (operation instanceof Operation.EnumerateInstanceNames op) {
                out.startInstances(op, null);
                // An empty property list: the object manager hands over keys only, which is all a name needs.
                om.enumerateInstances(request, op.namespace(), op.className(), List.of(), this::streamed);
                out.endInstances();
            } else if (operation instanceof Operation.ExecQuery op) {
                out.startInstances(op, null);
                om.execQuery(request, op.namespace(), op.queryLanguage(), op.query(), row -> streamed(row.instance()));
                out.endInstances();
            } else if (operation instanceof Operation.OpenEnumerateInstances op) {
                Duration timeout = open(op.options(), op.filterQueryLanguage(), op.filterQuery());
                CimClass shallow = op.deepInheritance() ? null : om.getClass(op.namespace(), op.className());
                List<CimInstance> items = new ArrayList<>();
                om.enumerateInstances(request, op.namespace(), op.className(), op.propertyList().namesOrNull(),
                        items::add);
                page(op, contexts.open(user, op.namespace(), Continuation.PULL_INSTANCES_WITH_PATH,
                        new OpenEnumeration(Continuation.PULL_INSTANCES_WITH_PATH, op, shallow), items, timeout,
                        op.options().maxObjectCount()));
            } else if (operation instanceof Operation.OpenEnumerateInstancePaths op) {
                Duration timeout = open(op.options(), op.filterQueryLanguage(), op.filterQuery());
                List<CimInstance> items = new ArrayList<>();
                om.enumerateInstances(request, op.namespace(), op.className(), List.of(), items::add);
                page(op, contexts.open(user, op.namespace(), Continuation.PULL_INSTANCE_PATHS,
                        new OpenEnumeration(Continuation.PULL_INSTANCE_PATHS, op, null), items, timeout,
                        op.options().maxObjectCount()));
            } else if (operation instanceof Operation.OpenQueryInstances op) {
                if (op.returnQueryResultClass()) {
                    throw new CimException(WbemStatus.WBEM_E_NOT_SUPPORTED,
                            "ReturnQueryResultClass TRUE is not supported: the instances carry their own class");
                }
                Duration timeout = open(op.options(), null, null);
                List<CimInstance> items = new ArrayList<>();
                om.execQuery(request, op.namespace(), op.filterQueryLanguage(), op.filterQuery(),
                        row -> items.add(row.instance()));
                page(op, contexts.open(user, op.namespace(), Continuation.PULL_INSTANCES,
                        new OpenEnumeration(Continuation.PULL_INSTANCES, op, null), items, timeout,
                        op.options().maxObjectCount()));
            } else if (operation instanceof Operation.Pull op) {
                page(op, contexts.pull(user, op.namespace(), op.operation(), op.enumerationContext(),
                        op.maxObjectCount()));
            } else if (operation instanceof Operation.CloseEnumeration op) {
                contexts.close(user, op.namespace(), op.enumerationContext());
                out.closed(op);
            } else if (operation instanceof Operation.EnumerationCount op) {
                out.count(op, contexts.remaining(user, op.namespace(), op.enumerationContext()));
            } else if (operation instanceof Operation.InvokeMethod op) {
                MethodResult result = om.invokeMethod(request, op.namespace(), op.objectName(), op.methodName(),
                        op.parameters());
                CimMethod method = om.getClass(op.namespace(), op.objectName().className()).method(op.methodName())
                        .orElseThrow();
                log.info("{} invoked {} on {}: ReturnValue {}", user, LogSafe.of(op.methodName()),
                        LogSafe.of(op.objectName()), result.returnValue() == null ? "NULL"
                                : result.returnValue().text());
                out.methodResult(op, method, result);
                objects = 1;
            } else if (operation instanceof Operation.NotSupported op) {
                throw new CimException(WbemStatus.WBEM_E_NOT_SUPPORTED, "operation " + op.name() + " is not supported");
            } else {
                throw new AssertionError(operation);
            }
        }

        private void classes(Operation op, List<CimClass> classes) throws IOException {
            out.classes(op, classes);
            objects = classes.size();
        }

        private void streamed(CimInstance i) {
            out.streamed(i);
            objects++;
        }

        private void page(Operation op, EnumerationContexts.Page<OpenEnumeration> page) throws IOException {
            out.page(op, page);
            objects = page.items().size();
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
    }
}
