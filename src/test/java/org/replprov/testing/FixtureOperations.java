package org.replprov.testing;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.replprov.cim.CimClass;
import org.replprov.cim.CimException;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimName;
import org.replprov.cim.CimObjectPath;
import org.replprov.cim.CimValue;
import org.replprov.cim.WbemStatus;
import org.replprov.protocol.CimIndication;
import org.replprov.protocol.CimOperations;
import org.replprov.protocol.MethodResult;
import org.replprov.protocol.OperationContext;
import org.replprov.protocol.ParamValue;
import org.replprov.protocol.PropertyList;
import org.replprov.protocol.Subscription;
import org.replprov.repository.ClassRepository;

/**
 * {@link CimOperations} over a fixed class repository and a mutable set of instances, for protocol and server tests
 * that must not depend on the object manager. Its query support is a deliberately tiny WQL subset
 * ({@code SELECT *|a,b FROM Class [WHERE Prop = literal]}); changes to instances raise events to subscribers of
 * {@code SELECT * FROM __Instance…Event WITHIN n WHERE TargetInstance ISA 'Class'}.
 */
public final class FixtureOperations implements CimOperations {

    private static final Pattern SELECT = Pattern.compile(
            "(?i)\\s*SELECT\\s+(\\*|[\\w\\s,]+?)\\s+FROM\\s+(\\w+)(?:\\s+WHERE\\s+(\\w+)\\s*=\\s*(?:'([^']*)'|\"([^\"]*)\"|(\\S+)))?\\s*");
    private static final Pattern EVENT = Pattern.compile(
            "(?i)\\s*SELECT\\s+\\*\\s+FROM\\s+(__Instance(?:Creation|Modification|Deletion|Operation)Event)"
                    + "\\s+WITHIN\\s+[0-9.]+\\s+WHERE\\s+TargetInstance\\s+ISA\\s+['\"](\\w+)['\"]\\s*");

    /** One recorded method call. */
    public record Call(CimObjectPath target, CimName method, List<ParamValue> parameters) {
    }

    static final int KEPT_CALLS = 1000;

    private final ClassRepository repository;
    private final Map<CimObjectPath, CimInstance> instances = new LinkedHashMap<>();
    /** The latest calls only: benchmarks make hundreds of thousands, and a growing list would skew their GC. */
    private final Deque<Call> calls = new ArrayDeque<>();
    private final AtomicLong callCount = new AtomicLong();
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private final Clock clock;
    private volatile Duration methodDelay = Duration.ZERO;

    private record Subscriber(CimName eventClass, CimName targetClass, Consumer<CimIndication> sink) {
    }

    public FixtureOperations(ClassRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /** The DFSR fixture with its two connections. */
    public static FixtureOperations dfsr() {
        FixtureOperations ops = new FixtureOperations(DfsrFixture.repository(), Clock.systemUTC());
        ops.put(DfsrFixture.connection1());
        ops.put(DfsrFixture.connection2());
        return ops;
    }

    /** Adds or replaces an instance, raising a creation or modification event. */
    public void put(CimInstance instance) {
        CimObjectPath path = instance.path();
        CimInstance previous;
        synchronized (instances) {
            previous = instances.put(path, instance);
        }
        publish(previous == null ? CimIndication.CREATION : CimIndication.MODIFICATION, instance, previous);
    }

    /** Removes an instance, raising a deletion event. */
    public void remove(CimObjectPath path) {
        CimInstance removed;
        synchronized (instances) {
            removed = instances.remove(path);
        }
        if (removed != null) {
            publish(CimIndication.DELETION, removed, null);
        }
    }

    public void clear() {
        synchronized (instances) {
            instances.clear();
        }
    }

    /** Makes every method call take this long, to keep requests in flight. */
    public void methodDelay(Duration delay) {
        this.methodDelay = delay;
    }

    /** The most recent calls (up to {@value #KEPT_CALLS}), oldest first. */
    public List<Call> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    /** How many method calls there have been. */
    public long callCount() {
        return callCount.get();
    }

    public int subscribers() {
        return subscribers.size();
    }

    private void publish(CimName eventClass, CimInstance target, CimInstance previous) {
        CimIndication e = new CimIndication(eventClass, clock.instant(), target, previous);
        for (Subscriber s : subscribers) {
            boolean kind = s.eventClass().equals(eventClass)
                    || s.eventClass().equals(CimName.of("__InstanceOperationEvent"));
            if (kind && target.cimClass().isA(s.targetClass())) {
                s.sink().accept(e);
            }
        }
    }

    private List<CimInstance> snapshot() {
        synchronized (instances) {
            return new ArrayList<>(instances.values());
        }
    }

    @Override
    public CimClass getClass(OperationContext ctx, String namespace, CimName className) {
        return repository.requireClass(namespace, className);
    }

    @Override
    public List<CimClass> enumerateClasses(OperationContext ctx, String namespace, CimName className,
                                           boolean deepInheritance) {
        repository.requireNamespace(namespace);
        if (className != null) {
            repository.requireClass(namespace, className);
        }
        if (className == null && deepInheritance) {
            return repository.classes(namespace);
        }
        return repository.subclasses(namespace, className, deepInheritance);
    }

    @Override
    public CimInstance getInstance(OperationContext ctx, String namespace, CimObjectPath instanceName,
                                   PropertyList propertyList) {
        CimClass c = repository.requireClass(namespace, instanceName.className());
        CimObjectPath key = instanceName.resolveKeys(c).relative();
        synchronized (instances) {
            CimInstance i = instances.get(key);
            if (i == null) {
                throw new CimException(WbemStatus.WBEM_E_NOT_FOUND, "no instance " + key);
            }
            return i;
        }
    }

    @Override
    public void enumerateInstances(OperationContext ctx, String namespace, CimName className,
                                   PropertyList propertyList, Consumer<CimInstance> sink) {
        repository.requireClass(namespace, className);
        snapshot().stream().filter(i -> i.cimClass().isA(className)).forEach(sink);
    }

    @Override
    public void enumerateInstanceNames(OperationContext ctx, String namespace, CimName className,
                                       Consumer<CimObjectPath> sink) {
        enumerateInstances(ctx, namespace, className, PropertyList.ALL, i -> sink.accept(i.path()));
    }

    @Override
    public void execQuery(OperationContext ctx, String namespace, String queryLanguage, String query,
                          Consumer<CimInstance> sink) {
        if (!"WQL".equals(queryLanguage)) {
            throw new CimException(WbemStatus.WBEM_E_INVALID_QUERY_TYPE, "query language " + queryLanguage
                    + " is not supported; use WQL");
        }
        Matcher m = SELECT.matcher(query);
        if (!m.matches()) {
            throw new CimException(WbemStatus.WBEM_E_INVALID_QUERY, "the fixture does not understand: " + query);
        }
        CimClass c = repository.requireClass(namespace, CimName.of(m.group(2)));
        List<CimName> select = m.group(1).trim().equals("*") ? null
                : List.of(m.group(1).split(",")).stream().map(String::trim).map(CimName::of).toList();
        String where = m.group(3);
        String literal = m.group(4) != null ? m.group(4) : m.group(5) != null ? m.group(5) : m.group(6);
        for (CimInstance i : snapshot()) {
            if (!i.cimClass().isA(c.name())) {
                continue;
            }
            if (where != null) {
                CimValue v = i.value(where);
                if (v == null || !v.text().equalsIgnoreCase(literal)) {
                    continue;
                }
            }
            sink.accept(select == null ? i : i.project(select));
        }
    }

    @Override
    public MethodResult invokeMethod(OperationContext ctx, String namespace, CimObjectPath objectName,
                                     CimName methodName, List<ParamValue> inParameters) {
        getInstance(ctx, namespace, objectName, PropertyList.ALL);
        synchronized (calls) {
            calls.addLast(new Call(objectName, methodName, inParameters));
            if (calls.size() > KEPT_CALLS) {
                calls.removeFirst();
            }
        }
        callCount.incrementAndGet();
        if (!methodDelay.isZero()) {
            try {
                Thread.sleep(methodDelay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        long rv = 0;
        if (methodName.equals(CimName.of("ForceReplication"))) {
            long mode = inParameters.stream().filter(p -> p.name().equals(CimName.of("Mode")))
                    .map(p -> ((CimValue.Int) p.value()).value()).findFirst().orElse(0L);
            rv = mode >= 1 && mode <= 4 ? 0 : 87; // ERROR_INVALID_PARAMETER
        }
        return new MethodResult(CimValue.uint32(rv), List.of());
    }

    @Override
    public Subscription subscribe(OperationContext ctx, String namespace, String queryLanguage, String query,
                                  Consumer<CimIndication> sink) {
        Matcher m = EVENT.matcher(query);
        if (!m.matches()) {
            throw new CimException(WbemStatus.WBEM_E_INVALID_QUERY, "the fixture does not understand: " + query);
        }
        CimClass target = repository.requireClass(namespace, CimName.of(m.group(2)));
        Subscriber s = new Subscriber(CimName.of(m.group(1)), target.name(), sink);
        subscribers.add(s);
        return () -> subscribers.remove(s);
    }
}
