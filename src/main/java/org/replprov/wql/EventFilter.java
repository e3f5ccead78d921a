package org.replprov.wql;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.replprov.cim.CimClass;
import org.replprov.cim.CimInstance;
import org.replprov.cim.WbemStatus;
import org.replprov.wql.ast.Expr;
import org.replprov.wql.ast.SelectStatement;

/**
 * An event query compiled against one namespace (WMI SDK "Receiving Event Notifications", "SELECT Statement for
 * Event Queries"; MS-WMI §3.1.4.3.20 ExecNotificationQuery): which intrinsic events it wants, about instances of
 * which class, and the condition they must meet.
 *
 * <p>The query must name its target class with a top-level {@code TargetInstance ISA 'Class'} condition; otherwise it
 * would watch every instance of the namespace, which WMI refuses with WBEM_E_REGISTRATION_TOO_BROAD. Like a data
 * query, it covers the class and its subclasses, and the condition is compiled once per event kind and concrete
 * class.
 */
public final class EventFilter {

    /** Windows keeps WITHIN in milliseconds in a uint32 (MS-WMI §3.1.4.3.20 product note). */
    private static final double MAX_WITHIN_SECONDS = 0xFFFF_FFFFL / 1000.0;

    private final InstanceEvent eventClass;
    private final CimClass targetClass;
    private final Duration within;
    private final Map<InstanceEvent, PerClass<Condition>> conditions;

    private EventFilter(InstanceEvent eventClass, CimClass targetClass, Duration within,
                        Map<InstanceEvent, PerClass<Condition>> conditions) {
        this.eventClass = eventClass;
        this.targetClass = targetClass;
        this.within = within;
        this.conditions = conditions;
    }

    /**
     * Compiles an event query.
     *
     * @throws WqlParseException WBEM_E_NOT_EVENT_CLASS when FROM names a class of the schema,
     *     WBEM_E_INVALID_CLASS when it names no class at all or ISA names an unknown class,
     *     WBEM_E_REGISTRATION_TOO_BROAD without {@code TargetInstance ISA}, WBEM_E_NOT_SUPPORTED for a property
     *     list, and the codes of {@link ConditionCompiler#compile}
     */
    static EventFilter compile(SelectStatement select, Schema schema) {
        InstanceEvent eventClass = InstanceEvent.forClass(select.from().name()).orElseThrow(() -> {
            boolean isClass = schema.exists(select.from().name());
            return new WqlParseException(isClass ? WbemStatus.WBEM_E_NOT_EVENT_CLASS : WbemStatus.WBEM_E_INVALID_CLASS,
                    select.from() + (isClass ? " is not an event class" : " is not a supported event class")
                            + "; event queries select from __InstanceCreationEvent, __InstanceModificationEvent, "
                            + "__InstanceDeletionEvent or __InstanceOperationEvent",
                    select.from().column(), select.from().toString());
        });
        if (!select.selectsAll()) {
            throw new WqlParseException(WbemStatus.WBEM_E_NOT_SUPPORTED, "event queries select *",
                    select.properties().get(0).column(), select.properties().get(0).toString());
        }
        Expr where = select.where().orElseThrow(() -> tooBroad(select));
        Expr.Isa isa = targetIsa(where).orElseThrow(() -> tooBroad(select));
        CimClass target = schema.require(isa.className());
        Map<InstanceEvent, PerClass<Condition>> conditions = new EnumMap<>(InstanceEvent.class);
        for (InstanceEvent occurrence : eventClass.occurrences()) {
            conditions.put(occurrence, new PerClass<>(schema.withSubclasses(target),
                    c -> ConditionCompiler.forEvent(eventClass, occurrence, c, schema).compile(where)));
        }
        Duration within = select.within().isPresent()
                ? Duration.ofMillis((long) (Math.min(select.within().getAsDouble(), MAX_WITHIN_SECONDS) * 1000))
                : null;
        return new EventFilter(eventClass, target, within, conditions);
    }

    /** The first {@code TargetInstance ISA 'Class'} that the whole condition requires. */
    private static Optional<Expr.Isa> targetIsa(Expr where) {
        Iterable<Expr> conjuncts = where instanceof Expr.And and ? and.operands() : List.of(where);
        for (Expr e : conjuncts) {
            if (e instanceof Expr.Isa isa && isa.object().isSimple()
                    && isa.object().head().matches("TargetInstance")) {
                return Optional.of(isa);
            }
        }
        return Optional.empty();
    }

    private static WqlParseException tooBroad(SelectStatement select) {
        return new WqlParseException(WbemStatus.WBEM_E_REGISTRATION_TOO_BROAD,
                "an event query names its class: WHERE TargetInstance ISA 'Class'", select.from().column(),
                select.from().toString());
    }

    /** The class after FROM. */
    public InstanceEvent eventClass() {
        return eventClass;
    }

    /** The events the filter can match: creations, modifications and/or deletions. */
    public Set<InstanceEvent> occurrences() {
        return eventClass.occurrences();
    }

    /** The class named by {@code TargetInstance ISA}; its subclasses are covered too. */
    public CimClass targetClass() {
        return targetClass;
    }

    /** The polling interval the query asked for with WITHIN. */
    public Optional<Duration> within() {
        return Optional.ofNullable(within);
    }

    /**
     * True when the filter accepts the event.
     *
     * @param occurrence what happened: {@link InstanceEvent#CREATION}, {@link InstanceEvent#MODIFICATION} or
     *     {@link InstanceEvent#DELETION}
     * @param target the created, modified (new state) or deleted instance
     * @param previous for a modification the state before it, of the same class; otherwise null
     * @throws IllegalArgumentException for {@link InstanceEvent#OPERATION}, or a modification without a previous
     *     instance of the target's class
     */
    public boolean matches(InstanceEvent occurrence, CimInstance target, CimInstance previous) {
        Objects.requireNonNull(target, "target");
        if (occurrence == InstanceEvent.OPERATION) {
            throw new IllegalArgumentException("an event that happened is a creation, modification or deletion");
        }
        if (occurrence.hasPreviousInstance()
                && (previous == null || !previous.className().equals(target.className()))) {
            throw new IllegalArgumentException("a modification carries the previous state of the same instance");
        }
        PerClass<Condition> perClass = conditions.get(occurrence);
        Condition c = perClass == null ? null : perClass.get(target.cimClass());
        return c != null && c.test(target, previous);
    }
}
