package org.replprov.provider;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.Predicate;

import org.replprov.cim.CimClass;
import org.replprov.cim.CimException;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimMethod;
import org.replprov.cim.CimName;
import org.replprov.cim.CimObjectPath;
import org.replprov.cim.CimParameter;
import org.replprov.cim.CimValue;
import org.replprov.cim.Embedding;
import org.replprov.cim.WbemStatus;
import org.replprov.provider.spi.Caller;
import org.replprov.provider.spi.Indication;
import org.replprov.provider.spi.IndicationProvider;
import org.replprov.provider.spi.InstanceProvider;
import org.replprov.provider.spi.InstanceSink;
import org.replprov.provider.spi.MethodProvider;
import org.replprov.provider.spi.MethodResult;
import org.replprov.provider.spi.Provider;
import org.replprov.provider.spi.ProviderContext;
import org.replprov.repository.ClassRepository;
import org.replprov.wql.AssociationQuery;
import org.replprov.wql.CompiledQuery;
import org.replprov.wql.EventFilter;
import org.replprov.wql.ResultRow;
import org.replprov.wql.Wql;
import org.replprov.wql.WqlQuery;
import org.replprov.wql.ast.AssociationStatement.Traversal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embeddable object manager: namespaces → classes → registered providers, with the operations of DSP0200 and
 * WMI's IWbemServices over them.
 *
 * <p>Every operation checks its request before a provider runs (WBEM_E_INVALID_NAMESPACE, WBEM_E_INVALID_CLASS,
 * WBEM_E_INVALID_OBJECT_PATH, WBEM_E_INVALID_METHOD, WBEM_E_MISSING_PARAMETER_ID, WBEM_E_INVALID_METHOD_PARAMETERS,
 * WBEM_E_TYPE_MISMATCH) and the provider's answer after it. An answer of the wrong class, with a key missing or a value
 * not of its property's type or outside its qualifiers, and any unchecked exception from a provider, becomes
 * WBEM_E_PROVIDER_FAILURE (CIM_ERR_FAILED) naming the provider. CimExceptions a provider throws on purpose (such as
 * WBEM_E_NOT_FOUND) pass through.
 *
 * <p>Thread-safe; operations may run concurrently.
 */
public final class ObjectManager implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ObjectManager.class);

    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);
    public static final int DEFAULT_SUBSCRIPTION_CAPACITY = 10_000;

    /** How often an enumeration looks at its deadline (a clock read per instance would cost more than the check). */
    private static final int DEADLINE_CHECK_INTERVAL = 1024;

    private final ClassRepository repository;
    private final ProviderRegistry registry;
    private final Clock clock;
    private final Duration requestTimeout;
    private final int subscriptionCapacity;
    private final String serverName;
    private final AtomicLong requests = new AtomicLong();
    private final Subscriptions subscriptions = new Subscriptions();

    private ObjectManager(Builder b) {
        this.repository = b.repository;
        this.registry = b.registry.build();
        this.clock = b.clock;
        this.requestTimeout = b.requestTimeout;
        this.subscriptionCapacity = b.subscriptionCapacity;
        this.serverName = b.serverName;
    }

    public static Builder builder(ClassRepository repository) {
        return new Builder(repository);
    }

    public ClassRepository repository() {
        return repository;
    }

    // ---- classes ----------------------------------------------------------------------------------------------

    /** GetClass. @throws CimException WBEM_E_INVALID_NAMESPACE, WBEM_E_INVALID_CLASS */
    public CimClass getClass(String namespace, CimName className) {
        return repository.requireClass(namespace, className);
    }

    /**
     * EnumerateClasses: the subclasses of {@code superClass}, direct ones only or all descendants; with a null
     * {@code superClass} the root classes, or every class when {@code deep}. Superclasses first.
     */
    public List<CimClass> enumerateClasses(String namespace, CimName superClass, boolean deep) {
        repository.requireNamespace(namespace);
        if (superClass != null) {
            repository.requireClass(namespace, superClass);
        }
        return repository.subclasses(namespace, superClass, deep);
    }

    // ---- instances --------------------------------------------------------------------------------------------

    /**
     * EnumerateInstances: the instances of {@code className} and of its subclasses, each checked, projected to
     * {@code propertyList} (null for all properties; names the class lacks are ignored, as DSP0200 says) plus keys.
     */
    public void enumerateInstances(String namespace, CimName className, Collection<CimName> propertyList,
                                   InstanceSink out) {
        enumerateInstances(localRequest(), namespace, className, propertyList, out);
    }

    /** {@link #enumerateInstances(String, CimName, Collection, InstanceSink)} for {@code request}. */
    public void enumerateInstances(Request request, String namespace, CimName className,
                                   Collection<CimName> propertyList, InstanceSink out) {
        CimClass requested = repository.requireClass(namespace, className);
        ProviderContext ctx = context(request, namespace);
        for (CimClass c : withSubclasses(namespace, requested)) {
            instancesOf(namespace, ctx, c, null, i -> out.accept(project(i, propertyList)));
        }
    }

    /**
     * The instances of exactly {@code c}, each checked: from its provider, or the ones its MOF declares when it has
     * none. With a {@code query}, only those that match it: the provider is asked with
     * {@link InstanceProvider#queryInstances}, so that it can leave out what cannot match, and each instance it sends
     * is tested again here, so that a provider returning too much changes nothing.
     *
     * <p>Only the instances passed on are validated, so a selective query does not pay for checking what it discards;
     * the class is checked first, and the instance builder has already given every value its property's type, so the
     * query reads well-typed values. An instance a provider returns again (one it keeps) is validated once
     * ({@link CimInstance#validate()} remembers).
     *
     * @param query the query the instances must match, or null for all of them
     */
    private void instancesOf(String namespace, ProviderContext ctx, CimClass c, CompiledQuery query,
                             InstanceSink out) {
        Predicate<CimInstance> wanted = query == null ? i -> true : query::matches;
        Optional<InstanceProvider> p = registry.entry(namespace, c.name()).map(ProviderRegistry.Entry::instances);
        if (p.isEmpty()) {
            repository.instances(namespace).stream().filter(i -> i.cimClass().name().equals(c.name()))
                    .filter(wanted).forEach(out::accept);
            return;
        }
        InstanceProvider provider = p.get();
        int[] seen = {0};
        InstanceSink checked = instance -> {
            if (++seen[0] % DEADLINE_CHECK_INTERVAL == 0) {
                checkDeadline(ctx);
            }
            checkClass(provider, c, instance);
            if (wanted.test(instance)) {
                validate(provider, c, instance);
                out.accept(instance);
            }
        };
        call(provider, ctx, () -> (query == null ? "enumerateInstances " : "queryInstances ") + c.name(), () -> {
            if (query == null) {
                provider.enumerateInstances(ctx, c, checked);
            } else {
                provider.queryInstances(ctx, c, query, checked);
            }
            return null;
        });
    }

    /** EnumerateInstances of all properties, collected. */
    public List<CimInstance> enumerateInstances(String namespace, CimName className) {
        List<CimInstance> out = new ArrayList<>();
        enumerateInstances(namespace, className, null, out::add);
        return out;
    }

    /** EnumerateInstanceNames: the paths (relative to the namespace) of the instances of the class and subclasses. */
    public List<CimObjectPath> enumerateInstanceNames(String namespace, CimName className) {
        List<CimObjectPath> out = new ArrayList<>();
        enumerateInstances(namespace, className, null, i -> out.add(i.path()));
        return out;
    }

    /**
     * GetInstance.
     *
     * @throws CimException WBEM_E_INVALID_NAMESPACE, WBEM_E_INVALID_CLASS, WBEM_E_INVALID_OBJECT_PATH (a class path,
     *     a key missing or unknown), WBEM_E_TYPE_MISMATCH (a key value of the wrong type), WBEM_E_NOT_FOUND
     */
    public CimInstance getInstance(String namespace, CimObjectPath path, Collection<CimName> propertyList) {
        return getInstance(localRequest(), namespace, path, propertyList);
    }

    /** {@link #getInstance(String, CimObjectPath, Collection)} for {@code request}. */
    public CimInstance getInstance(Request request, String namespace, CimObjectPath path,
                                   Collection<CimName> propertyList) {
        CimClass c = repository.requireClass(namespace, path.className());
        CimObjectPath resolved = instancePath(namespace, c, path);
        ProviderContext ctx = context(request, namespace);
        Optional<InstanceProvider> p = registry.entry(namespace, c.name()).map(ProviderRegistry.Entry::instances);
        Optional<CimInstance> found;
        if (p.isEmpty()) {
            found = repository.instances(namespace).stream().filter(i -> i.path().equals(resolved)).findFirst();
        } else {
            found = call(p.get(), ctx, () -> "getInstance " + resolved, () -> p.get().getInstance(ctx, c, resolved));
            // Not compared with the path asked for: a provider may accept other spellings of a key ({GUID}).
            found.ifPresent(i -> check(p.get(), c, i));
        }
        return project(found.orElseThrow(() -> new CimException(WbemStatus.WBEM_E_NOT_FOUND,
                "no instance " + resolved.withNamespace(namespace))), propertyList);
    }

    public CimInstance getInstance(String namespace, CimObjectPath path) {
        return getInstance(namespace, path, null);
    }

    // ---- queries ----------------------------------------------------------------------------------------------

    /**
     * ExecQuery: runs a WQL data query ({@code SELECT … FROM Class [WHERE …]}) over the instances of the class and its
     * subclasses, as the providers produce and the object manager checks them, and sends each match, projected to the
     * selected properties with its system properties, to {@code out}. The query is compiled once and handed to each
     * provider, which may leave out instances that cannot match before building them
     * ({@link InstanceProvider#queryInstances}). ASSOCIATORS OF and REFERENCES OF run as {@link #traverse} describes.
     *
     * @throws CimException WBEM_E_INVALID_QUERY_TYPE for a language other than WQL; WBEM_E_INVALID_QUERY (with the
     *     column) for a syntax error or an unknown property; WBEM_E_INVALID_CLASS for an unknown class;
     *     WBEM_E_NOT_SUPPORTED for an event query (use {@link #subscribe}) or a traversal whose results are classes
     */
    public void execQuery(String namespace, String language, String query, Consumer<ResultRow> out) {
        execQuery(localRequest(), namespace, language, query, out);
    }

    /** {@link #execQuery(String, String, String, Consumer)} for {@code request}. */
    public void execQuery(Request request, String namespace, String language, String query,
                          Consumer<ResultRow> out) {
        repository.requireNamespace(namespace);
        WqlQuery q = Wql.parse(language, query);
        if (q.isEventQuery()) {
            throw new CimException(WbemStatus.WBEM_E_NOT_SUPPORTED, "an event query is a subscription, not ExecQuery: "
                    + query);
        }
        if (q.isAssociationQuery()) {
            traverse(request, namespace, q.compileAssociation(repository, namespace), out);
            return;
        }
        CompiledQuery compiled = q.compile(repository, namespace);
        ProviderContext ctx = context(request, namespace);
        for (CimClass c : compiled.classes()) {
            if (!c.isAbstract()) {
                instancesOf(namespace, ctx, c, compiled, i -> out.accept(compiled.project(i, serverName)));
            }
        }
    }

    /**
     * ASSOCIATORS OF and REFERENCES OF: enumerates the instances of every association class that can name the source
     * (from its provider, or those its MOF declares), checked as any enumeration, and lets {@code query} pick from
     * them. REFERENCES OF returns the association instances it picks. ASSOCIATORS OF fetches each object they name
     * with GetInstance in this namespace, once however many associations name it, and returns it once per
     * association; a reference to an instance that does not exist is passed over. Without association classes the
     * result is empty.
     *
     * <p>Results are instances; a query for classes (a class path between the braces, or ClassDefsOnly) is
     * WBEM_E_NOT_SUPPORTED, since a {@link ResultRow} holds an instance.
     */
    private void traverse(Request request, String namespace, AssociationQuery query, Consumer<ResultRow> out) {
        if (query.isSchemaQuery() || query.classDefsOnly()) {
            throw new CimException(WbemStatus.WBEM_E_NOT_SUPPORTED, "ExecQuery returns instances, and this query asks "
                    + "for class definitions (a class path or ClassDefsOnly)");
        }
        ProviderContext ctx = context(request, namespace);
        List<CimInstance> associations = new ArrayList<>();
        for (CimClass c : query.associationClasses()) {
            if (!c.isAbstract()) {
                instancesOf(namespace, ctx, c, null, associations::add);
            }
        }
        if (query.traversal() == Traversal.REFERENCES) {
            query.references(associations).forEach(a -> out.accept(new ResultRow(a, namespace, serverName)));
            return;
        }
        Map<CimObjectPath, Optional<CimInstance>> fetched = new HashMap<>();
        for (CimObjectPath end : query.associators(associations)) {
            fetched.computeIfAbsent(end.relative(), path -> associator(request, namespace, path)).ifPresent(i ->
                    out.accept(new ResultRow(query.keysOnly() ? i.project(List.of()) : i, namespace, serverName)));
        }
    }

    /** The instance an association names, or empty when there is none. */
    private Optional<CimInstance> associator(Request request, String namespace, CimObjectPath path) {
        try {
            return Optional.of(getInstance(request, namespace, path, null));
        } catch (CimException e) {
            if (e.status() == WbemStatus.WBEM_E_NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** ExecQuery with the results collected. */
    public List<ResultRow> execQuery(String namespace, String query) {
        List<ResultRow> out = new ArrayList<>();
        execQuery(namespace, Wql.LANGUAGE, query, out::add);
        return out;
    }

    // ---- methods ----------------------------------------------------------------------------------------------

    /**
     * InvokeMethod (ExecMethod). In parameters are named case-insensitively and converted to their declared types
     * ({@code "3"} for a uint32 is 3).
     *
     * @throws CimException WBEM_E_INVALID_METHOD (no such method); WBEM_E_INVALID_OBJECT_PATH (an instance method
     *     called on a class path, or a key problem); WBEM_E_INVALID_METHOD_PARAMETERS (a parameter the method does not
     *     take as input); WBEM_E_MISSING_PARAMETER_ID (an in parameter missing or NULL that is not Optional);
     *     WBEM_E_TYPE_MISMATCH or WBEM_E_VALUE_OUT_OF_RANGE (a value that does not convert); WBEM_E_NOT_FOUND (no such
     *     instance); WBEM_E_METHOD_NOT_IMPLEMENTED (no provider carries out the class's methods)
     */
    public MethodResult invokeMethod(String namespace, CimObjectPath path, CimName methodName,
                                     Map<CimName, CimValue> inParameters) {
        return invokeMethod(localRequest(), namespace, path, methodName, inParameters);
    }

    /** {@link #invokeMethod(String, CimObjectPath, CimName, Map)} for {@code request}. */
    public MethodResult invokeMethod(Request request, String namespace, CimObjectPath path, CimName methodName,
                                     Map<CimName, CimValue> inParameters) {
        CimClass c = repository.requireClass(namespace, path.className());
        CimMethod method = c.method(methodName).orElseThrow(() -> new CimException(WbemStatus.WBEM_E_INVALID_METHOD,
                "class " + c.name() + " has no method " + methodName, methodName));
        CimObjectPath target;
        if (path.isClassPath()) {
            if (!method.qualifiers().isTrue("Static")) {
                throw new CimException(WbemStatus.WBEM_E_INVALID_OBJECT_PATH, c.name() + "." + method.name()
                        + " is not static: the path must name an instance");
            }
            target = path.relative();
        } else {
            target = instancePath(namespace, c, path);
        }
        Map<CimName, CimValue> in = inParameters(c, method, inParameters);
        MethodProvider p = registry.entry(namespace, c.name()).map(ProviderRegistry.Entry::methods).orElseThrow(() ->
                new CimException(WbemStatus.WBEM_E_METHOD_NOT_IMPLEMENTED, "no provider carries out the methods of "
                        + c.name(), methodName));
        ProviderContext ctx = context(request, namespace);
        MethodResult result = call(p, ctx, () -> c.name() + "." + method.name() + " on " + target,
                () -> p.invokeMethod(ctx, c, target, method, in));
        return checkResult(p, method, result);
    }

    private static Map<CimName, CimValue> inParameters(CimClass c, CimMethod method, Map<CimName, CimValue> given) {
        for (CimName name : given.keySet()) {
            boolean known = method.parameter(name).map(CimParameter::isIn).orElse(false);
            if (!known) {
                throw new CimException(WbemStatus.WBEM_E_INVALID_METHOD_PARAMETERS, c.name() + "." + method.name()
                        + " takes no in parameter " + name, name);
            }
        }
        Map<CimName, CimValue> typed = new LinkedHashMap<>();
        for (CimParameter p : method.inParameters()) {
            CimValue v = given.get(p.name());
            if (v == null) {
                if (!p.qualifiers().isTrue("Optional")) {
                    throw new CimException(WbemStatus.WBEM_E_MISSING_PARAMETER_ID, c.name() + "." + method.name()
                            + " needs parameter " + p.name() + " (" + p.dataType() + ")", p.name());
                }
                continue;
            }
            try {
                typed.put(p.name(), v.coerce(p.dataType()));
            } catch (CimException e) {
                throw new CimException(e.status(), "parameter " + p.name() + " of " + c.name() + "." + method.name()
                        + ": " + e.description(), p.name(), e);
            }
        }
        return typed;
    }

    private static MethodResult checkResult(MethodProvider p, CimMethod method, MethodResult result) {
        if (result == null) {
            throw providerFailure(p, method.name() + " returned no result", null);
        }
        CimValue rv = result.returnValue();
        try {
            rv = rv == null ? null : rv.coerce(method.returnType());
            Embedding.of(method.qualifiers()).check(rv, method.name());
        } catch (CimException e) {
            throw providerFailure(p, method.name() + " returned " + result.returnValue().dataType() + " '"
                    + result.returnValue().text() + "' for a " + method.returnType() + " return value", e);
        }
        Map<CimName, CimValue> out = new LinkedHashMap<>();
        for (var e : result.outParameters().entrySet()) {
            CimParameter declared = method.parameter(e.getKey()).filter(CimParameter::isOut).orElseThrow(() ->
                    providerFailure(p, method.name() + " returned undeclared out parameter " + e.getKey(), null));
            try {
                CimValue typed = e.getValue() == null ? null : e.getValue().coerce(declared.dataType());
                // Embedded instances only where the parameter is declared EmbeddedInstance or EmbeddedObject, of
                // the class it names (DSP0004 §5.6.3): the encoders mark and write the value by the declaration.
                Embedding.of(declared.qualifiers()).check(typed, declared.name());
                out.put(declared.name(), typed);
            } catch (CimException ex) {
                throw providerFailure(p, method.name() + " returned out parameter " + e.getKey() + " of the wrong type",
                        ex);
            }
        }
        return new MethodResult(rv, out);
    }

    // ---- indications ------------------------------------------------------------------------------------------

    /**
     * ExecNotificationQuery: subscribes to the intrinsic events a WQL event query selects, such as
     * {@code SELECT * FROM __InstanceModificationEvent WITHIN 10 WHERE TargetInstance ISA 'DfsrConnectionInfo' AND
     * TargetInstance.State = 3}. The returned stream receives them until it is closed.
     *
     * <p>Providers raise events as changes happen, so WITHIN is accepted and needs no polling: events arrive sooner
     * than it asks.
     *
     * @throws CimException the query's errors (WBEM_E_INVALID_QUERY, WBEM_E_NOT_EVENT_CLASS for a data query,
     *     WBEM_E_REGISTRATION_TOO_BROAD without {@code TargetInstance ISA}); WBEM_E_REGISTRATION_TOO_PRECISE when no
     *     provider raises events for the class or any subclass
     */
    public IndicationStream subscribe(String namespace, String query) {
        repository.requireNamespace(namespace);
        return subscribe(namespace, Wql.parse(query).compileEventFilter(repository, namespace));
    }

    /** {@link #subscribe(String, String)} with a query compiled already. */
    public IndicationStream subscribe(String namespace, EventFilter filter) {
        CimClass target = filter.targetClass();
        List<CimClass> sources = withSubclasses(namespace, target).stream()
                .filter(c -> registry.entry(namespace, c.name()).map(ProviderRegistry.Entry::indications).isPresent())
                .toList();
        if (sources.isEmpty()) {
            throw new CimException(WbemStatus.WBEM_E_REGISTRATION_TOO_PRECISE, "no provider raises events for "
                    + target.name() + " or its subclasses", target.name());
        }
        return subscriptions.add(namespace, sources, filter);
    }

    /** The live subscriptions per class, and the enabling and disabling of providers as they come and go. */
    private final class Subscriptions {
        private final Map<String, List<IndicationStream>> byClass = new HashMap<>();

        synchronized IndicationStream add(String namespace, List<CimClass> sources, EventFilter filter) {
            IndicationStream[] self = new IndicationStream[1];
            self[0] = new IndicationStream(filter, subscriptionCapacity, () -> remove(namespace, sources, self[0]));
            for (CimClass c : sources) {
                List<IndicationStream> streams = byClass.computeIfAbsent(key(namespace, c),
                        k -> new CopyOnWriteArrayList<>());
                streams.add(self[0]);
                if (streams.size() == 1) {
                    IndicationProvider p = indicationProvider(namespace, c);
                    ProviderContext ctx = context(localRequest(), namespace);
                    call(p, ctx, () -> "enableIndications " + c.name(), () -> {
                        p.enableIndications(ctx, c, i -> deliver(p, c, streams, i));
                        return null;
                    });
                }
            }
            return self[0];
        }

        synchronized void remove(String namespace, List<CimClass> sources, IndicationStream stream) {
            for (CimClass c : sources) {
                List<IndicationStream> streams = byClass.get(key(namespace, c));
                if (streams != null && streams.remove(stream) && streams.isEmpty()) {
                    byClass.remove(key(namespace, c));
                    IndicationProvider p = indicationProvider(namespace, c);
                    try {
                        p.disableIndications(context(localRequest(), namespace), c);
                    } catch (RuntimeException e) {
                        log.error("Provider '{}' failed to disable indications for {}", p.name(), c.name(), e);
                    }
                }
            }
        }

        private IndicationProvider indicationProvider(String namespace, CimClass c) {
            return registry.entry(namespace, c.name()).map(ProviderRegistry.Entry::indications).orElseThrow();
        }

        private String key(String namespace, CimClass c) {
            return ProviderRegistry.namespaceKey(namespace) + ":" + c.name().toString().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Checks an indication as enumerated instances are checked; a malformed one is dropped and logged. */
    private static void deliver(IndicationProvider p, CimClass c, List<IndicationStream> streams, Indication i) {
        try {
            check(p, c, i.targetInstance());
            if (i.previousInstance() != null) {
                check(p, c, i.previousInstance());
            }
        } catch (CimException e) {
            log.error("Dropped an indication: {}", e.getMessage());
            return;
        }
        for (IndicationStream s : streams) {
            s.offer(i);
        }
    }

    // ---- checks -----------------------------------------------------------------------------------------------

    /** The class and its subclasses that can have instances of their own (not abstract), superclasses first. */
    private List<CimClass> withSubclasses(String namespace, CimClass c) {
        List<CimClass> out = new ArrayList<>();
        out.add(c);
        out.addAll(repository.subclasses(namespace, c.name(), true));
        out.removeIf(CimClass::isAbstract);
        return out;
    }

    private static CimObjectPath instancePath(String namespace, CimClass c, CimObjectPath path) {
        path.namespace().ifPresent(ns -> {
            if (!ProviderRegistry.namespaceKey(ns).equals(ProviderRegistry.namespaceKey(namespace))) {
                throw new CimException(WbemStatus.WBEM_E_INVALID_OBJECT_PATH, "the path " + path
                        + " names namespace " + ns + ", but the operation is in " + namespace);
            }
        });
        if (path.isClassPath()) {
            throw new CimException(WbemStatus.WBEM_E_INVALID_OBJECT_PATH, "the path " + path
                    + " names a class, not an instance");
        }
        return path.relative().resolveKeys(c);
    }

    /** An instance a provider produced must be of the very class asked for and valid against it. */
    private static void check(Provider p, CimClass c, CimInstance instance) {
        checkClass(p, c, instance);
        validate(p, c, instance);
    }

    private static void checkClass(Provider p, CimClass c, CimInstance instance) {
        if (instance == null) {
            throw providerFailure(p, "produced a null instance of " + c.name(), null);
        }
        if (instance.cimClass() != c && !instance.cimClass().equals(c)) {
            throw providerFailure(p, "produced an instance of " + instance.className() + " where " + c.name()
                    + " was asked for", null);
        }
    }

    private static void validate(Provider p, CimClass c, CimInstance instance) {
        try {
            instance.validate();
        } catch (CimException e) {
            throw providerFailure(p, "produced a malformed " + c.name() + " instance: " + e.getMessage(), e);
        }
    }

    private static CimInstance project(CimInstance i, Collection<CimName> propertyList) {
        return propertyList == null ? i : i.project(propertyList);
    }

    private static CimException providerFailure(Provider p, String what, Throwable cause) {
        CimException e = new CimException(WbemStatus.WBEM_E_PROVIDER_FAILURE, "provider '" + p.name() + "' " + what,
                null, cause);
        log.error("{}", e.getMessage());
        return e;
    }

    /** A request the process makes itself: numbered here, for {@link Caller#LOCAL}. */
    private Request localRequest() {
        return new Request("r" + requests.incrementAndGet(), Caller.LOCAL);
    }

    private ProviderContext context(Request request, String namespace) {
        return new ProviderContext(request.id(), CimObjectPath.normalizeNamespace(namespace),
                clock.instant().plus(requestTimeout), request.caller());
    }

    private void checkDeadline(ProviderContext ctx) {
        if (ctx.isExpired(clock.instant())) {
            throw new CimException(WbemStatus.WBEM_E_TIMED_OUT, "request " + ctx.requestId() + " took longer than "
                    + requestTimeout);
        }
    }

    @FunctionalInterface
    private interface ProviderCall<T> {
        T run();
    }

    /** Runs a provider call; an unchecked exception that is not a CimException is the provider's bug. */
    private static <T> T call(Provider p, ProviderContext ctx, Supplier<String> what, ProviderCall<T> call) {
        try {
            return call.run();
        } catch (CimException e) {
            throw e;
        } catch (RuntimeException e) {
            // What was called is named only on failure: formatting an object path costs more than a GetInstance.
            String called = what.get();
            log.error("Provider '{}' failed in {} (request {})", p.name(), called, ctx.requestId(), e);
            throw new CimException(WbemStatus.WBEM_E_PROVIDER_FAILURE, "provider '" + p.name() + "' failed in "
                    + called + ": " + e, null, e);
        }
    }

    // ---- life cycle -------------------------------------------------------------------------------------------

    /** Closes every registered provider once. */
    @Override
    public void close() {
        for (Provider p : registry.providers()) {
            try {
                p.close();
            } catch (RuntimeException e) {
                log.warn("Provider '{}' failed to close", p.name(), e);
            }
        }
    }

    /** Collects the repository and the providers. */
    public static final class Builder {
        private final ClassRepository repository;
        private final ProviderRegistry.Builder registry;
        private Clock clock = Clock.systemUTC();
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private int subscriptionCapacity = DEFAULT_SUBSCRIPTION_CAPACITY;
        private String serverName;

        private Builder(ClassRepository repository) {
            this.repository = Objects.requireNonNull(repository, "repository");
            this.registry = ProviderRegistry.builder(repository);
        }

        /**
         * Registers {@code provider} for {@code className} in {@code namespace}, through each of the SPIs it
         * implements; the object manager closes it.
         */
        public Builder register(String namespace, CimName className, Provider provider) {
            registry.register(namespace, className, provider);
            return this;
        }

        public Builder clock(Clock c) {
            this.clock = c;
            return this;
        }

        /** How long an enumeration may run before it fails with WBEM_E_TIMED_OUT. */
        public Builder requestTimeout(Duration d) {
            this.requestTimeout = d;
            return this;
        }

        /** How many indications a subscriber may fall behind before its subscription ends. */
        public Builder subscriptionCapacity(int n) {
            this.subscriptionCapacity = n;
            return this;
        }

        /** The host name query results carry in {@code __SERVER} and {@code __PATH} (default: none). */
        public Builder serverName(String name) {
            this.serverName = name;
            return this;
        }

        public ObjectManager build() {
            return new ObjectManager(this);
        }
    }
}
