package org.replprov.operation;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.replprov.cim.CimException;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimStatus;
import org.replprov.cim.WbemStatus;

/**
 * The open enumeration sessions of the DSP0200 pull operations (DSP0200 1.4 §5.3.2): what an Open operation left for
 * later Pull operations, under an enumeration context that only its owner can use.
 *
 * <ul>
 *   <li>The context is 128 random bits (base64url), so it cannot be guessed; it is bound to the principal that opened
 *       it, the namespace and the Pull operation that continues it. Anything else is answered
 *       CIM_ERR_INVALID_ENUMERATION_CONTEXT, the same as an unknown context, so nothing is learnt about other users'
 *       sessions.</li>
 *   <li>OperationTimeout (§5.3.2.1): a session is kept at least that long after the last Open or Pull on it, then
 *       dropped; NULL means the default. The server may restrict the allowed values and refuse the others with
 *       CIM_ERR_INVALID_OPERATION_TIMEOUT: replprov refuses 0 ("never time out"), which would let abandoned sessions
 *       hold memory for ever, and anything above the maximum.</li>
 *   <li>A principal may hold a bounded number of open sessions, and all principals together another; an Open beyond
 *       either is CIM_ERR_SERVER_LIMITS_EXCEEDED. A session that ends in its Open (everything fit) is never stored
 *       and counts against nothing, so a principal at its limit can still make enumerations that fit.</li>
 *   <li>Pulls of zero objects refresh the timeout without making progress; DSP0200 lets the server bound how many in a
 *       row it accepts. Past the bound the session is closed and the pull is CIM_ERR_SERVER_LIMITS_EXCEEDED.</li>
 * </ul>
 *
 * <p>The results are materialized at Open time, so a Pull never calls a provider and cannot fail halfway; this is why
 * ContinueOnError is meaningless here. Expired sessions are dropped lazily: when they are next named, and whenever an
 * Open counts the open sessions, so no timer thread is involved and tests drive expiry with the {@link Clock}.
 *
 * <p>Thread-safe; every operation is short (a page copy at most) and holds one lock.
 *
 * @param <S> what the protocol keeps with a session to write its later pages (for CIM-XML, the property view)
 */
public final class EnumerationContexts<S> {

    /** The Pull operation that continues a session: the one that belongs to the Open operation that started it. */
    public enum Continuation {
        /** After OpenEnumerateInstances (and OpenAssociatorInstances, OpenReferenceInstances, which replprov lacks). */
        PULL_INSTANCES_WITH_PATH("PullInstancesWithPath"),
        /** After OpenEnumerateInstancePaths. */
        PULL_INSTANCE_PATHS("PullInstancePaths"),
        /** After OpenQueryInstances. */
        PULL_INSTANCES("PullInstances");

        private final String operation;

        Continuation(String operation) {
            this.operation = operation;
        }

        /** The DSP0200 name of the Pull operation. */
        public String operation() {
            return operation;
        }
    }

    /**
     * The server's choices for sessions.
     *
     * @param defaultTimeout      the OperationTimeout of an Open that passes NULL
     * @param maxTimeout          the longest OperationTimeout accepted
     * @param maxPerPrincipal     open sessions one principal may hold
     * @param maxTotal            open sessions all principals together may hold
     * @param maxConsecutiveEmptyPulls Pulls with MaxObjectCount 0 accepted in a row on one session
     */
    public record Limits(Duration defaultTimeout, Duration maxTimeout, int maxPerPrincipal, int maxTotal,
                         int maxConsecutiveEmptyPulls) {

        /** 60 s by default and 10 minutes at most; 16 sessions per principal, 256 in all; 100 empty pulls in a row. */
        public static final Limits DEFAULT = new Limits(Duration.ofSeconds(60), Duration.ofMinutes(10), 16, 256, 100);

        public Limits {
            Objects.requireNonNull(defaultTimeout, "defaultTimeout");
            Objects.requireNonNull(maxTimeout, "maxTimeout");
            if (defaultTimeout.toSeconds() < 1 || defaultTimeout.compareTo(maxTimeout) > 0) {
                throw new IllegalArgumentException("default timeout " + defaultTimeout + " must be at least 1 s and "
                        + "at most the maximum " + maxTimeout);
            }
            if (maxPerPrincipal < 1 || maxTotal < maxPerPrincipal || maxConsecutiveEmptyPulls < 1) {
                throw new IllegalArgumentException("session limits must be positive, the total at least the "
                        + "per-principal limit: " + maxPerPrincipal + "/" + maxTotal + "/" + maxConsecutiveEmptyPulls);
            }
        }
    }

    /**
     * What an Open or Pull returns to the client.
     *
     * @param items         the instances for this response, at most MaxObjectCount
     * @param endOfSequence true when the session is over (and closed)
     * @param context       the enumeration context for the next Pull; null at the end of the sequence
     * @param session       what the protocol stored with the session
     */
    public record Page<S>(List<CimInstance> items, boolean endOfSequence, String context, S session) {
        public Page {
            items = List.copyOf(items);
        }
    }

    /** One open session. Guarded by the store's lock. */
    private static final class Session<S> {
        final String owner;
        final String namespaceKey;
        final Continuation continuation;
        final S data;
        final List<CimInstance> items;
        final Duration timeout;
        int position;
        int emptyPulls;
        Instant deadline;

        Session(String owner, String namespaceKey, Continuation continuation, S data, List<CimInstance> items,
                Duration timeout) {
            this.owner = owner;
            this.namespaceKey = namespaceKey;
            this.continuation = continuation;
            this.data = data;
            this.items = items;
            this.timeout = timeout;
        }
    }

    private static final int CONTEXT_BYTES = 16;

    private final Limits limits;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session<S>> sessions = new HashMap<>();

    public EnumerationContexts(Limits limits, Clock clock) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Limits limits() {
        return limits;
    }

    /**
     * The timeout for an Open's {@code OperationTimeout}.
     *
     * @param requestedSeconds the parameter (a uint32), or null for the default
     * @throws EnumerationException CIM_ERR_INVALID_OPERATION_TIMEOUT for 0 or more than the maximum
     */
    public Duration timeout(Long requestedSeconds) {
        if (requestedSeconds == null) {
            return limits.defaultTimeout();
        }
        if (requestedSeconds == 0) {
            throw new EnumerationException(CimStatus.CIM_ERR_INVALID_OPERATION_TIMEOUT,
                    "OperationTimeout 0 (never time out) is not allowed; the maximum is "
                            + limits.maxTimeout().toSeconds() + " s");
        }
        if (requestedSeconds > limits.maxTimeout().toSeconds()) {
            throw new EnumerationException(CimStatus.CIM_ERR_INVALID_OPERATION_TIMEOUT, "OperationTimeout "
                    + requestedSeconds + " s is above the maximum of " + limits.maxTimeout().toSeconds() + " s");
        }
        return Duration.ofSeconds(requestedSeconds);
    }

    /**
     * Starts a session over {@code items} and returns its first page of at most {@code maxObjectCount} items. When
     * they all fit, the sequence ends here and nothing is kept.
     *
     * @throws CimException WBEM_E_QUOTA_VIOLATION (CIM_ERR_SERVER_LIMITS_EXCEEDED) when the session would have to be
     *     kept and the principal or the server holds as many as allowed
     */
    public synchronized Page<S> open(String principal, String namespace, Continuation continuation, S data,
                                     List<CimInstance> items, Duration timeout, long maxObjectCount) {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(continuation, "continuation");
        Objects.requireNonNull(timeout, "timeout");
        List<CimInstance> all = List.copyOf(items);
        if (maxObjectCount >= all.size()) {
            return new Page<>(all, true, null, data);
        }
        dropExpired();
        checkCapacity(principal);
        Session<S> s = new Session<>(principal, key(namespace), continuation, data, all, timeout);
        String context = newContext();
        sessions.put(context, s);
        return page(context, s, maxObjectCount);
    }

    /**
     * The next page of the session {@code context}; the session is closed when this page ends it.
     *
     * @throws EnumerationException CIM_ERR_INVALID_ENUMERATION_CONTEXT for a context that is unknown, expired, closed,
     *     another principal's, of another namespace or continued by another Pull operation
     * @throws CimException WBEM_E_QUOTA_VIOLATION (CIM_ERR_SERVER_LIMITS_EXCEEDED) for one empty pull too many in a
     *     row; the session is closed
     */
    public synchronized Page<S> pull(String principal, String namespace, Continuation continuation, String context,
                                     long maxObjectCount) {
        Session<S> s = find(principal, namespace, context);
        if (s.continuation != continuation) {
            throw new EnumerationException(CimStatus.CIM_ERR_INVALID_ENUMERATION_CONTEXT, "this enumeration "
                    + "continues with " + s.continuation.operation() + ", not " + continuation.operation());
        }
        if (maxObjectCount == 0 && ++s.emptyPulls > limits.maxConsecutiveEmptyPulls()) {
            sessions.remove(context);
            throw new CimException(WbemStatus.WBEM_E_QUOTA_VIOLATION, "more than "
                    + limits.maxConsecutiveEmptyPulls() + " pulls of zero objects in a row; the enumeration is closed");
        }
        if (maxObjectCount > 0) {
            s.emptyPulls = 0;
        }
        return page(context, s, maxObjectCount);
    }

    /**
     * CloseEnumeration: drops the session.
     *
     * @throws EnumerationException CIM_ERR_INVALID_ENUMERATION_CONTEXT as for {@link #pull}
     */
    public synchronized void close(String principal, String namespace, String context) {
        find(principal, namespace, context);
        sessions.remove(context);
    }

    /**
     * EnumerationCount: how many instances the session has left. Exact, since results are materialized; it does not
     * refresh the timeout, which DSP0200 measures from the last Open or Pull.
     *
     * @throws EnumerationException CIM_ERR_INVALID_ENUMERATION_CONTEXT as for {@link #pull}
     */
    public synchronized long remaining(String principal, String namespace, String context) {
        Session<S> s = find(principal, namespace, context);
        return s.items.size() - s.position;
    }

    /** Open sessions, expired ones not yet dropped included. */
    public synchronized int size() {
        return sessions.size();
    }

    private Page<S> page(String context, Session<S> s, long maxObjectCount) {
        int end = (int) Math.min(s.items.size(), s.position + maxObjectCount);
        List<CimInstance> items = new ArrayList<>(s.items.subList(s.position, end));
        s.position = end;
        if (end == s.items.size()) {
            sessions.remove(context);
            return new Page<>(items, true, null, s.data);
        }
        s.deadline = clock.instant().plus(s.timeout);
        return new Page<>(items, false, context, s.data);
    }

    private Session<S> find(String principal, String namespace, String context) {
        Session<S> s = context == null ? null : sessions.get(context);
        if (s != null && expired(s)) {
            sessions.remove(context);
            s = null;
        }
        if (s == null || !s.owner.equals(principal)) {
            throw new EnumerationException(CimStatus.CIM_ERR_INVALID_ENUMERATION_CONTEXT,
                    "no open enumeration has this context: it ended, was closed, expired, or was never opened");
        }
        if (!s.namespaceKey.equals(key(namespace))) {
            throw new EnumerationException(CimStatus.CIM_ERR_INVALID_ENUMERATION_CONTEXT,
                    "this enumeration was opened in another namespace");
        }
        return s;
    }

    private void checkCapacity(String principal) {
        if (sessions.size() >= limits.maxTotal()) {
            throw new CimException(WbemStatus.WBEM_E_QUOTA_VIOLATION, "the server holds " + limits.maxTotal()
                    + " open enumerations, its limit; close some or let them finish");
        }
        long own = sessions.values().stream().filter(s -> s.owner.equals(principal)).count();
        if (own >= limits.maxPerPrincipal()) {
            throw new CimException(WbemStatus.WBEM_E_QUOTA_VIOLATION, "this user holds " + own
                    + " open enumerations, the limit; close some (CloseEnumeration) or pull them to the end");
        }
    }

    private void dropExpired() {
        sessions.values().removeIf(this::expired);
    }

    private boolean expired(Session<S> s) {
        return clock.instant().isAfter(s.deadline);
    }

    private String newContext() {
        byte[] bytes = new byte[CONTEXT_BYTES];
        String context;
        do {
            random.nextBytes(bytes);
            context = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        } while (sessions.containsKey(context));
        return context;
    }

    private static String key(String namespace) {
        return namespace.toLowerCase(Locale.ROOT);
    }
}
